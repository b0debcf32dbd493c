import { BellRing, CircleAlert, CircleCheck } from 'lucide-react';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import styles from './Toast.module.css';

/** A button on a toast, such as "Open" on a reminder. */
export interface ToastAction {
  label: string;
  onClick: () => void;
}

interface Toast {
  id: number;
  tone: 'success' | 'error' | 'reminder';
  message: string;
  action?: ToastAction;
}

interface ToastApi {
  success(message: string): void;
  error(message: string): void;
  /** Something that needs the user now (a follow-up came due): stays longer, may offer an action. */
  reminder(message: string, action?: ToastAction): void;
}

const ToastContext = createContext<ToastApi | null>(null);
let nextId = 1;

const SHOWN_FOR: Record<Toast['tone'], number> = { success: 3500, error: 8000, reminder: 15_000 };
const ICONS = { success: CircleCheck, error: CircleAlert, reminder: BellRing };

/** Short confirmations and errors, announced to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback(
    (id: number) => setToasts((current) => current.filter((t) => t.id !== id)),
    [],
  );
  const push = useCallback(
    (tone: Toast['tone'], message: string, action?: ToastAction) => {
      const id = nextId++;
      setToasts((current) => [...current.slice(-3), { id, tone, message, action }]);
      setTimeout(() => dismiss(id), SHOWN_FOR[tone]);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({
      success: (m) => push('success', m),
      error: (m) => push('error', m),
      reminder: (m, action) => push('reminder', m, action),
    }),
    [push],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className={styles.region} role="status" aria-live="polite">
        {toasts.map((toast) => {
          const Icon = ICONS[toast.tone];
          return (
            <div key={toast.id} className={styles.toast} data-tone={toast.tone}>
              <Icon size={16} aria-hidden />
              <span className={styles.message}>{toast.message}</span>
              {toast.action && (
                <button
                  type="button"
                  className={styles.action}
                  onClick={() => {
                    toast.action!.onClick();
                    dismiss(toast.id);
                  }}
                >
                  {toast.action.label}
                </button>
              )}
            </div>
          );
        })}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast needs a ToastProvider');
  return api;
}
