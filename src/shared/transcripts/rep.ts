/**
 * Which speaker is the rep. The team's names and emails are matched against the speakers' names,
 * ignoring case and accents ("José" = "jose"), by how sure the match is:
 *   3  the full name ("Sam Rivera", "Sam Rivera (Acme)"), the email, or its local part as a name
 *      ("sam.rivera", "srivera");
 *   2  the name with initials ("Sam R.", "S. Rivera");
 *   1  the first name or the last name alone ("Sam").
 * The surest match wins; between equally sure speakers, the one who talks first.
 *
 * Speakers named by a service ("Speaker 0", "spk_1", "Channel 0") match no name, so next we
 * listen for a team member introducing themselves in the first two minutes ("this is Sam from
 * Kestrel", "it's Sam Rivera", "Sam speaking"): on a phone call the customer often speaks first,
 * to answer. When neither says who the rep is, the first speaker is taken for the rep, since reps
 * open the calls and meetings they run; `how` says it was a guess, and a person can correct it
 * (`assignRep`).
 */
import type { Transcript, TranscriptSegment } from '../scoring/types';

export interface TeamMember {
  name: string;
  email: string;
}

/** Lower case, without accents or a parenthesised company, split into words. */
function tokens(value: string): string[] {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function fold(value: string): string {
  return tokens(value).join(' ');
}

/** How surely the speaker's name points at the member: 0 (not at all) to 3. */
export function matchStrength(speaker: string, member: TeamMember): number {
  const email = member.email.trim().toLowerCase();
  const local = email.split('@')[0] ?? '';
  if (speaker.includes('@')) return email !== '' && speaker.trim().toLowerCase() === email ? 3 : 0;
  const said = tokens(speaker);
  const name = tokens(member.name);
  if (said.length === 0) return 0;
  if (said.join(' ') === name.join(' ') || (local !== '' && said.join(' ') === fold(local)))
    return 3;
  if (said.length === 1)
    return name.length > 1 && (said[0] === name[0] || said[0] === name.at(-1)) ? 1 : 0;
  return initialsMatch(said, name) ? 2 : 0;
}

/** "sam r" or "s rivera" against "sam rivera": in order, each word whole or as its initial. */
function initialsMatch(said: string[], name: string[]): boolean {
  if (said.length > name.length) return false;
  const first = said[0]!;
  if (first !== name[0] && !(first.length === 1 && name[0]!.startsWith(first))) return false;
  let at = 1;
  for (const word of said.slice(1)) {
    while (
      at < name.length &&
      !(name[at] === word || (word.length === 1 && name[at]!.startsWith(word)))
    )
      at++;
    if (at === name.length) return false;
    at++;
  }
  return said.some(
    (word, index) => word.length > 1 && name.includes(word) && (index > 0 || word === name[0]),
  );
}

/** The speaker the team list points at, or null when it points at nobody. */
export function findRepInTeam(speakers: string[], team: TeamMember[]): string | null {
  let best: { speaker: string; strength: number } | null = null;
  for (const speaker of speakers) {
    const strength = Math.max(0, ...team.map((member) => matchStrength(speaker, member)));
    if (strength > 0 && (!best || strength > best.strength)) best = { speaker, strength };
  }
  return best?.speaker ?? null;
}

/** How the rep was found: by the team's names, by an introduction, or taken to be the first speaker. */
export type RepEvidence = 'name' | 'introduction' | 'first-speaker';

/** The rep among the transcript's speakers (in order of first appearance), and how we know. */
export function recogniseRep(
  segments: Pick<TranscriptSegment, 'speaker' | 'start' | 'text'>[],
  speakers: string[],
  team: TeamMember[],
): { speaker: string | null; how: RepEvidence } {
  const byName = findRepInTeam(speakers, team);
  if (byName) return { speaker: byName, how: 'name' };
  const introduced = findIntroduction(segments, team);
  if (introduced) return { speaker: introduced, how: 'introduction' };
  return { speaker: speakers[0] ?? null, how: 'first-speaker' };
}

/** Introductions are listened for this long from the start of the call. */
const INTRODUCTION_SECONDS = 120;

/** The first speaker who says "this is Sam", "I'm Sam Rivera", "Sam here"… for a team member. */
function findIntroduction(
  segments: Pick<TranscriptSegment, 'speaker' | 'start' | 'text'>[],
  team: TeamMember[],
): string | null {
  const names = [
    ...new Set(team.flatMap((member) => [fold(member.name), tokens(member.name)[0] ?? ''])),
  ].filter(Boolean);
  if (names.length === 0) return null;
  const phrases = names.flatMap((name) => [
    ...['this is', 'it s', 'it is', 'i m', 'i am', 'my name is', 'name s'].map(
      (lead) => ` ${lead} ${name} `,
    ),
    ` ${name} here `,
    ` ${name} speaking `,
  ]);
  for (const segment of segments) {
    if (segment.start > INTRODUCTION_SECONDS) break;
    const said = ` ${fold(segment.text)} `;
    if (phrases.some((phrase) => said.includes(phrase))) return segment.speaker;
  }
  return null;
}

/** The speaker as the transcript spells it, for a name typed or stored with other case or accents. */
export function findSpeaker(speakers: string[], wanted: string): string | null {
  return (
    speakers.find((speaker) => speaker === wanted) ??
    speakers.find((speaker) => fold(speaker) === fold(wanted)) ??
    null
  );
}

/**
 * The transcript with `speaker` as the rep and everyone else as customers; null makes everyone a
 * customer. Throws a RangeError for a name that is not one of the transcript's speakers.
 */
export function assignRep(transcript: Transcript, speaker: string | null): Transcript {
  const rep = speaker === null ? null : findSpeaker(transcript.speakers, speaker);
  if (speaker !== null && rep === null) {
    throw new RangeError(
      `'${speaker}' is not a speaker of this transcript (its speakers: ${transcript.speakers.join(', ')})`,
    );
  }
  return {
    ...transcript,
    repSpeaker: rep,
    segments: transcript.segments.map((segment) => ({
      ...segment,
      role: segment.speaker === rep ? 'rep' : 'customer',
    })),
  };
}
