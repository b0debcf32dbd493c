/** Words, sentences and phrase patterns: the text handling every scoring rule shares. */

const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;

/** The words of a text: "mm-hmm", "don't" and "1,200" are one word each. */
export function countWords(text: string): number {
  let count = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) count++;
  return count;
}

/** Lower case, straight apostrophes, single spaces: the form every phrase rule matches against. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

/**
 * Sentences with the index of their first word and their word count, so that a sentence's time
 * can be estimated inside its segment. A sentence ends at `.`, `!`, `?` or `…` followed by a space
 * or the end ("$1.5" stays whole).
 */
export function splitSentences(text: string): { text: string; firstWord: number; words: number }[] {
  const out: { text: string; firstWord: number; words: number }[] = [];
  const boundary = /[.!?…]+["'”’)\]]*(?=\s|$)/g;
  let from = 0;
  let wordsBefore = 0;
  const push = (piece: string) => {
    const trimmed = piece.trim();
    if (trimmed === '') return;
    const words = countWords(trimmed);
    if (words === 0) return;
    out.push({ text: trimmed, firstWord: wordsBefore, words });
    wordsBefore += words;
  };
  for (let match = boundary.exec(text); match !== null; match = boundary.exec(text)) {
    const to = match.index + match[0].length;
    push(text.slice(from, to));
    from = to;
  }
  push(text.slice(from));
  return out;
}

/** The first `count` words of a text, with "…" when there were more: the start of a quote. */
export function firstWords(text: string, count: number): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const parts = trimmed.split(' ');
  return parts.length <= count ? trimmed : `${parts.slice(0, count).join(' ')}…`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A verb with its -s, -ed and -ing forms: "schedule" → schedules, scheduled, scheduling. */
function inflected(word: string): string {
  const w = escapeRegExp(word);
  if (/e$/.test(word)) return `${w.slice(0, -1)}(?:e|es|ed|ing)`;
  const last = word.at(-1) ?? '';
  // "set" → setting, "stop" → stopped: the last consonant may double.
  const doubled = /[bdgklmnprt]/.test(last) ? `(?:${last})?` : '';
  return `${w}(?:${doubled}(?:s|es|ed|ing))?`;
}

/**
 * A case-insensitive pattern for phrases as a manager writes them: plain words matched at word
 * boundaries, any spacing (and "follow up" = "follow-up"), `*` for any one word, and with
 * `inflect` the first word in its verb forms.
 */
export function phrasePattern(phrases: readonly string[], inflect = false): RegExp | null {
  const alternatives = phrases
    .map((phrase) => normalise(phrase))
    .filter((phrase) => phrase !== '')
    .map((phrase) =>
      phrase
        .split(' ')
        .map((word, index) =>
          word === '*'
            ? "[\\p{L}\\p{N}'-]+"
            : index === 0 && inflect
              ? inflected(word)
              : escapeRegExp(word),
        )
        .join('[\\s-]+'),
    );
  if (alternatives.length === 0) return null;
  // Longest first, so that "too expensive" wins over "expensive" in the evidence.
  alternatives.sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Every match of a pattern in a normalised text. */
export function matchAll(pattern: RegExp | null, text: string): RegExpExecArray[] {
  if (pattern === null) return [];
  pattern.lastIndex = 0;
  const out: RegExpExecArray[] = [];
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    out.push(match);
    if (match[0] === '') pattern.lastIndex++;
  }
  return out;
}
