import { ArrowDown, ArrowUp, ChevronLeft, ChevronRight, Search } from 'lucide-react';
import { useEffect, useState, type ReactNode, type Ref } from 'react';
import { Button } from '../../components/Button';
import styles from './lists.module.css';
import { PAGE_SIZE, type ListSort } from './useListState';

const number = new Intl.NumberFormat();

/** Type freely; `onSearch` follows 150 ms after the last key. Escape clears. */
export function SearchBox({
  label,
  placeholder,
  value,
  onSearch,
  inputRef,
}: {
  label: string;
  placeholder: string;
  value: string;
  onSearch: (query: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const [text, setText] = useState(value);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onSearch(text), 150);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <label className={styles.search}>
      <Search size={15} aria-hidden />
      <span className="visually-hidden">{label}</span>
      <input
        ref={inputRef}
        type="search"
        placeholder={placeholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setText('');
            event.currentTarget.blur();
          }
        }}
      />
      <kbd className={styles.kbd} aria-hidden>
        /
      </kbd>
    </label>
  );
}

export interface Column<F extends string> {
  /** Sortable columns name their sort field. */
  field?: F;
  label: string;
  numeric?: boolean;
  /** First click sorts descending (numbers, dates). */
  descFirst?: boolean;
  className?: string;
}

export function HeaderRow<F extends string>({
  columns,
  sort,
  onSort,
}: {
  columns: readonly Column<F>[];
  sort: ListSort<F>;
  onSort: (sort: ListSort<F>) => void;
}) {
  return (
    <tr>
      {columns.map((column) => {
        const active = column.field !== undefined && sort.field === column.field;
        const className = [column.numeric && styles.numeric, column.className]
          .filter(Boolean)
          .join(' ');
        if (!column.field) {
          return (
            <th key={column.label} scope="col" className={className || undefined}>
              {column.label}
            </th>
          );
        }
        const field = column.field;
        return (
          <th
            key={column.label}
            scope="col"
            className={className || undefined}
            aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button
              type="button"
              className={styles.sortButton}
              onClick={() =>
                onSort({
                  field,
                  direction: active
                    ? sort.direction === 'asc'
                      ? 'desc'
                      : 'asc'
                    : column.descFirst
                      ? 'desc'
                      : 'asc',
                })
              }
            >
              {column.label}
              {active &&
                (sort.direction === 'asc' ? (
                  <ArrowUp size={12} aria-hidden />
                ) : (
                  <ArrowDown size={12} aria-hidden />
                ))}
            </button>
          </th>
        );
      })}
    </tr>
  );
}

export function Pager({
  noun,
  total,
  page,
  onPage,
}: {
  /** Plural, for "No contacts". */
  noun: string;
  total: number;
  page: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : page * PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * PAGE_SIZE);
  return (
    <footer className={styles.pager}>
      <span aria-live="polite">
        {total === 0
          ? `No ${noun}`
          : `${number.format(first)}–${number.format(last)} of ${number.format(total)}`}
      </span>
      <div className={styles.pagerButtons}>
        <Button
          size="sm"
          icon={<ChevronLeft />}
          aria-label="Previous page"
          disabled={page === 0}
          onClick={() => onPage(page - 1)}
        />
        <span className={styles.pageOf}>
          Page {number.format(page + 1)} of {number.format(pages)}
        </span>
        <Button
          size="sm"
          icon={<ChevronRight />}
          aria-label="Next page"
          disabled={page + 1 >= pages}
          onClick={() => onPage(page + 1)}
        />
      </div>
    </footer>
  );
}

/** Cell content cut to a width with an ellipsis; the full text shows on hover. */
export function Clip({
  width,
  title,
  children,
}: {
  width: number;
  title?: string;
  children: ReactNode;
}) {
  return (
    <span
      className={styles.clip}
      style={{ maxWidth: width }}
      title={title ?? (typeof children === 'string' ? children : undefined)}
    >
      {children}
    </span>
  );
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

export { number as numberFormat };
