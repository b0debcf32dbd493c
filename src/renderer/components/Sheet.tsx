import { X } from 'lucide-react';
import { useEffect, useEffectEvent, useId, useRef, type ReactNode } from 'react';
import styles from './Sheet.module.css';

interface SheetProps {
  /** The dialog's accessible name and visible heading. */
  title: string;
  subtitle?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** `side`: a drawer from the right edge; `center`: a dialog. */
  placement?: 'side' | 'center';
}

/**
 * A modal on the native <dialog> element: focus is trapped, Escape closes, the page behind is
 * inert, and no script or style is injected (the CSP stays strict).
 */
export function Sheet({
  title,
  subtitle,
  onClose,
  children,
  footer,
  placement = 'side',
}: SheetProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useEffectEvent(onClose);

  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first control (the close button) unless a field asks for focus.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const cancel = (event: Event) => {
      event.preventDefault();
      close();
    };
    dialog.addEventListener('cancel', cancel);
    return () => dialog.removeEventListener('cancel', cancel);
  }, []);

  return (
    <dialog
      ref={ref}
      className={[styles.sheet, styles[placement]].join(' ')}
      aria-labelledby={titleId}
      onMouseDown={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes.
        if (event.target === ref.current) onClose();
      }}
    >
      <div className={styles.panel}>
        <header className={styles.header}>
          <div className={styles.titles}>
            <h2 id={titleId} className={styles.title}>
              {title}
            </h2>
            {subtitle && <div className={styles.subtitle}>{subtitle}</div>}
          </div>
          <button type="button" className={styles.close} onClick={onClose} aria-label="Close">
            <X size={18} />
          </button>
        </header>
        <div className={styles.body}>{children}</div>
        {footer && <footer className={styles.footer}>{footer}</footer>}
      </div>
    </dialog>
  );
}
