import { Building2, Briefcase, NotebookText, Search, UserRound } from 'lucide-react';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { SearchResult } from '../../../shared/contract';
import { useApiQuery } from '../../api';
import styles from './SearchPalette.module.css';

const GROUPS: { kind: SearchResult['kind']; label: string; icon: typeof Search }[] = [
  { kind: 'deal', label: 'Deals', icon: Briefcase },
  { kind: 'contact', label: 'Contacts', icon: UserRound },
  { kind: 'account', label: 'Accounts', icon: Building2 },
  { kind: 'note', label: 'Notes', icon: NotebookText },
];

/** Where a result leads: a note opens the deal, contact or account it was written on. */
export function resultPath(result: SearchResult): string {
  if (result.kind === 'deal') return `/deals/${result.id}`;
  if (result.kind === 'contact') return `/contacts/${result.id}`;
  if (result.kind === 'account') return `/accounts/${result.id}`;
  if (result.dealId) return `/deals/${result.dealId}`;
  if (result.contactId) return `/contacts/${result.contactId}`;
  return `/accounts/${result.accountId}`;
}

/** «matched» words of a snippet, highlighted. */
function Snippet({ text }: { text: string }) {
  return (
    <span className={styles.snippet}>
      {text
        .split(/(«[^»]*»)/)
        .map((part, i) =>
          part.startsWith('«') ? (
            <mark key={i}>{part.slice(1, -1)}</mark>
          ) : (
            <span key={i}>{part}</span>
          ),
        )}
    </span>
  );
}

/** Ctrl/⌘-K: deals, contacts, accounts and notes, as you type. */
export function SearchPalette({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const query = useApiQuery(
    'search.query',
    { query: text.trim() || ' ', limit: 24 },
    { enabled: text.trim().length > 0 },
  );
  const results = useMemo(() => {
    if (!text.trim()) return [];
    const found = query.data?.results ?? [];
    return GROUPS.flatMap((group) => found.filter((r) => r.kind === group.kind));
  }, [query.data, text]);

  const open = (result: SearchResult | undefined) => {
    if (!result) return;
    onClose();
    navigate(resultPath(result));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(results.length - 1, i + 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
    else if (event.key === 'Enter') open(results[active]);
    else if (event.key === 'Escape') onClose();
    else return;
    event.preventDefault();
  };

  return (
    <div className={styles.backdrop} onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={styles.palette} role="dialog" aria-modal="true" aria-label="Search">
        <div className={styles.inputRow}>
          <Search size={18} aria-hidden />
          <input
            autoFocus
            role="combobox"
            aria-label="Search deals, contacts, accounts and notes"
            aria-expanded={results.length > 0}
            aria-controls={listId}
            aria-activedescendant={results[active] ? `${listId}-${active}` : undefined}
            placeholder="Search deals, contacts, accounts and notes…"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <kbd className={styles.kbd}>Esc</kbd>
        </div>
        <div id={listId} role="listbox" aria-label="Results" className={styles.results}>
          {text.trim() && query.data && results.length === 0 && (
            <p className={styles.empty}>Nothing matches “{text.trim()}”.</p>
          )}
          {!text.trim() && (
            <p className={styles.empty}>Type a name, a company, an email or a word from a note.</p>
          )}
          {GROUPS.map((group) => {
            const inGroup = results.filter((r) => r.kind === group.kind);
            if (inGroup.length === 0) return null;
            const Icon = group.icon;
            return (
              <div key={group.kind} role="group" aria-label={group.label}>
                <div className={styles.groupLabel}>{group.label}</div>
                {inGroup.map((result) => {
                  const position = results.indexOf(result);
                  return (
                    <div
                      key={`${result.kind}-${result.id}`}
                      id={`${listId}-${position}`}
                      role="option"
                      aria-selected={position === active}
                      className={styles.result}
                      onMouseEnter={() => setActive(position)}
                      onClick={() => open(result)}
                    >
                      <Icon size={16} aria-hidden className={styles.icon} />
                      <span className={styles.text}>
                        <span className={styles.title}>{result.title}</span>
                        {result.snippet ? (
                          <Snippet text={result.snippet} />
                        ) : (
                          result.subtitle && (
                            <span className={styles.subtitle}>{result.subtitle}</span>
                          )
                        )}
                      </span>
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
