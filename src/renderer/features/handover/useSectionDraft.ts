import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { api } from '../../api';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';

/** How long typing may pause before the section is saved. */
export const AUTOSAVE_MS = 800;

/**
 * One section's text as it is typed: saved on its own (one field op) a moment after typing stops,
 * and at once when the field loses focus. A newer text from elsewhere (another laptop, through
 * sync) replaces what is shown only while nothing unsaved is in the field, so no typing is lost.
 */
export function useSectionDraft(handoverId: string, sectionId: string, serverBody: string) {
  const [text, setText] = useState(serverBody);
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  // The text the core has; what is typed differs from it until saved.
  const saved = useRef(serverBody);
  const latest = useRef(serverBody);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const adopt = useEffectEvent((body: string) => {
    if (latest.current === saved.current && inFlight.current === null) {
      saved.current = body;
      latest.current = body;
      setText(body);
    }
  });
  useEffect(() => adopt(serverBody), [serverBody]);

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current) await inFlight.current;
    const body = latest.current;
    if (body === saved.current) return;
    setState('saving');
    const run = (async () => {
      try {
        await api.handover.updateSection({ id: handoverId, sectionId, body });
        saved.current = body;
        setError(null);
        setSavedAt(Date.now());
        setState(latest.current === body ? 'saved' : 'unsaved');
      } catch (caught) {
        setError((caught as Error).message);
        setState('error');
        throw caught;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [handoverId, sectionId]);

  const change = useCallback(
    (body: string) => {
      latest.current = body;
      setText(body);
      setState(body === saved.current ? 'saved' : 'unsaved');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush().catch(() => undefined), AUTOSAVE_MS);
    },
    [flush],
  );

  // Leaving the page saves what was typed last.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        if (latest.current !== saved.current) {
          void api.handover
            .updateSection({ id: handoverId, sectionId, body: latest.current })
            .catch(() => undefined);
        }
      }
    },
    [handoverId, sectionId],
  );

  const current = useCallback(() => latest.current, []);
  return { text, change, flush, state, error, savedAt, current };
}
