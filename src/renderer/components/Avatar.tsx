import styles from './Avatar.module.css';

const HUES = [222, 262, 160, 28, 330, 190, 45, 290];

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
  ).toUpperCase();
}

/** Initials on a colour derived from the name, so a person keeps their colour everywhere. */
export function Avatar({ name, size = 24 }: { name: string; size?: number }) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  const hue = HUES[Math.abs(hash) % HUES.length]!;
  return (
    <span
      className={styles.avatar}
      style={{
        width: size,
        height: size,
        fontSize: Math.round(size * 0.42),
        ['--hue' as string]: hue,
      }}
      aria-hidden
    >
      {initials(name) || '?'}
    </span>
  );
}
