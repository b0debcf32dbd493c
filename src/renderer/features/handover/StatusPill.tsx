import { CircleCheck, CircleDashed, CircleDot, Inbox, Undo2 } from 'lucide-react';
import type { HandoverStatus } from '../../../shared/contract';
import { STATUS_LABELS } from './handoverText';
import styles from './StatusPill.module.css';

const ICONS = {
  draft: CircleDashed,
  submitted: Inbox,
  in_review: CircleDot,
  changes_requested: Undo2,
  accepted: CircleCheck,
} as const;

/** A handover's status in its colour: new in the accent, sent back in amber, accepted in green. */
export function StatusPill({ status }: { status: HandoverStatus }) {
  const Icon = ICONS[status];
  return (
    <span className={styles.pill} data-status={status}>
      <Icon size={12} aria-hidden />
      {STATUS_LABELS[status]}
    </span>
  );
}
