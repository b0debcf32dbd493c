import { Check, CircleAlert, LoaderCircle, PenLine } from 'lucide-react';
import type { SaveState } from './useSectionDraft';
import styles from './SectionCard.module.css';

const TEXT: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Editing…',
  saving: 'Saving…',
  error: 'Not saved',
};
const ICONS = { saved: Check, unsaved: PenLine, saving: LoaderCircle, error: CircleAlert };

/** Saved, editing, saving or not saved: beside each section, announced politely. */
export function SaveIndicator({ state, savedAt }: { state: SaveState; savedAt: number | null }) {
  const Icon = ICONS[state];
  if (state === 'saved' && savedAt === null) return null;
  return (
    <span className={styles.saveState} data-state={state} role="status">
      <Icon size={13} aria-hidden />
      {TEXT[state]}
    </span>
  );
}
