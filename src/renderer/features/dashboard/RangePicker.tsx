import styles from './RangePicker.module.css';

/**
 * Preset ranges as a segmented control (each with its shortcut in the tooltip), and the two dates
 * of a custom range: the Activity and Lifecycle dashboards' range picker.
 */
export function RangePicker<K extends string>({
  ranges,
  shortcuts,
  kind,
  fromDay,
  toDay,
  onChange,
}: {
  ranges: readonly { kind: K; label: string }[];
  shortcuts: Partial<Record<NoInfer<K>, string>>;
  kind: K | 'custom';
  fromDay: string;
  toDay: string;
  onChange: (kind: K | 'custom', fromDay?: string, toDay?: string) => void;
}) {
  return (
    <div className={styles.rangePicker}>
      <div className={styles.toggle} role="radiogroup" aria-label="Range">
        {ranges.map((r) => (
          <button
            key={r.kind}
            type="button"
            role="radio"
            aria-checked={kind === r.kind}
            className={styles.toggleItem}
            title={shortcuts[r.kind] ? `${r.label} (${shortcuts[r.kind]})` : undefined}
            onClick={() => onChange(r.kind, fromDay, toDay)}
          >
            {r.label}
          </button>
        ))}
      </div>
      {kind === 'custom' && (
        <div className={styles.dates}>
          <label className={styles.dateLabel}>
            From
            <input
              type="date"
              className={styles.dateInput}
              value={fromDay}
              max={toDay}
              onChange={(e) => e.target.value && onChange('custom', e.target.value, toDay)}
            />
          </label>
          <label className={styles.dateLabel}>
            To
            <input
              type="date"
              className={styles.dateInput}
              value={toDay}
              min={fromDay}
              onChange={(e) => e.target.value && onChange('custom', fromDay, e.target.value)}
            />
          </label>
        </div>
      )}
    </div>
  );
}
