/**
 * Speaker names written in front of the words, as Zoom captions, SRT files and plain-text
 * transcripts do: `Sam Rivera: Hello`. The hard part is telling a name from a sentence that
 * happens to contain a colon ("Bottom line: we need it by May"), so a prefix counts as a speaker
 * when it recurs in the file, or when it is shaped like a name (capitalised words, at most four,
 * "Sam R.", "Speaker 2", "Q"). A one-off capitalised prefix ("Pricing: $45 a seat") still
 * passes as a speaker: a file that names its speakers rarely starts a line that way.
 */

/** Labels that introduce a heading or a field, never a speaker. */
const NOT_SPEAKERS = new Set(
  'note|notes|summary|agenda|date|time|subject|title|attendees|participants|duration|transcript|recording|meeting|action items|next steps|location'.split(
    '|',
  ),
);

/** Lower-case words that belong inside a name ("Ana de la Cruz", "Jan van Dijk"). */
const PARTICLES = new Set('de del della der den di da dos du la le van von bin al y'.split(' '));

const PREFIX = /^([\p{L}\p{N}][\p{L}\p{M}\p{N} .'’_&@()-]{0,59}?)\s*:(?:\s+|$)(.*)$/su;

/** `Sam Rivera: Hello` → name and words; null when the line does not start with `Name:`. */
export function splitNamePrefix(line: string): { name: string; text: string } | null {
  const match = PREFIX.exec(line.trim());
  if (!match) return null;
  const name = match[1]!.trim();
  return isNameShaped(name) ? { name, text: match[2]!.trim() } : null;
}

function words(name: string): string[] {
  return name
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/** Short enough, and not a heading: enough where the layout says it is a name (`<v …>`, `Name  0:12`). */
export function isNameShaped(name: string): boolean {
  const count = words(name).length;
  return count > 0 && count <= 6 && name.length <= 60 && !NOT_SPEAKERS.has(name.toLowerCase());
}

/** Capitalised words, at most four: "Sam Rivera", "Sam R.", "Dr. Ana de la Cruz", "Speaker 2". */
export function looksLikeName(name: string): boolean {
  const parts = words(name);
  return (
    parts.length > 0 &&
    parts.length <= 4 &&
    /^[\p{Lu}\p{N}]/u.test(parts[0]!) &&
    parts.every((part) => /^[\p{Lu}\p{N}]/u.test(part) || PARTICLES.has(part))
  );
}

/** How often each `Name:` prefix opens a line or cue of the file. */
export function countPrefixes(lines: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const prefix = splitNamePrefix(line);
    if (prefix) counts.set(prefix.name, (counts.get(prefix.name) ?? 0) + 1);
  }
  return counts;
}

/** Whether a `Name:` prefix seen `count` times in the file names a speaker. */
export function isSpeakerName(name: string, count: number): boolean {
  return count >= 2 || looksLikeName(name);
}
