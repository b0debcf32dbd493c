import { useEffect, useEffectEvent } from 'react';

/**
 * A keyboard command: its key, and what it does in the users' words. Features declare their
 * commands in one place (`features/<feature>/commands.ts`) and bind them with `useShortcut`;
 * the shortcuts help lists every command from the same declarations.
 */
export interface Command {
  /** `n`, `/`, `?`, `mod+enter` (Ctrl, or ⌘ on macOS), `shift+n` … */
  keys: string;
  description: string;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** `mod+enter` → `Ctrl Enter` or `⌘ Enter`, for hints. */
export function keyLabel(keys: string): string {
  return keys
    .split('+')
    .map((part) => {
      if (part === 'mod') return isMac ? '⌘' : 'Ctrl';
      if (part === 'shift') return isMac ? '⇧' : 'Shift';
      if (part === 'enter') return 'Enter';
      if (part === 'escape') return 'Esc';
      return part.length === 1 ? part.toUpperCase() : part;
    })
    .join(isMac ? '' : '+');
}

export function matches(event: KeyboardEvent, keys: string): boolean {
  const parts = keys.toLowerCase().split('+');
  const key = parts[parts.length - 1]!;
  const mod = parts.includes('mod');
  const shift = parts.includes('shift');
  if (mod !== (isMac ? event.metaKey : event.ctrlKey)) return false;
  if (event.altKey) return false;
  const pressed = event.key.toLowerCase();
  // `?` and `/` are typed with shift on some layouts: compare the character, not the modifier.
  if (key.length === 1 && !/[a-z0-9]/.test(key)) return pressed === key;
  if (shift !== event.shiftKey) return false;
  return pressed === key;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export interface ShortcutOptions {
  enabled?: boolean;
  /** Also while typing in a field (for `mod+enter` to save). */
  whileTyping?: boolean;
  /** Also while a dialog is open; by default page shortcuts pause under a dialog. */
  inDialog?: boolean;
}

export function useShortcut(
  command: Command,
  handler: (event: KeyboardEvent) => void,
  options: ShortcutOptions = {},
) {
  const run = useEffectEvent(handler);
  const { enabled = true, whileTyping = false, inDialog = false } = options;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !matches(event, command.keys)) return;
      if (!whileTyping && isTyping(event.target)) return;
      if (!inDialog && document.querySelector('dialog[open]')) return;
      event.preventDefault();
      run(event);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [command.keys, enabled, whileTyping, inDialog]);
}
