/** Recognising the rep among the speakers: by name, email, introduction, or as the first speaker. */
import { describe, expect, it } from 'vitest';
import { parseTranscript } from './index';
import { assignRep, findRepInTeam, matchStrength, recogniseRep } from './rep';

const sam = { name: 'Sam Rivera', email: 'sam.rivera@kestrel.io' };
const jose = { name: 'José Núñez', email: 'jnunez@kestrel.io' };

describe('matching a speaker name to a team member', () => {
  it.each([
    ['Sam Rivera', sam, 3],
    ['SAM RIVERA', sam, 3],
    ['Sam Rivera (Kestrel)', sam, 3],
    ['sam.rivera', sam, 3], // the email's local part
    ['sam.rivera@kestrel.io', sam, 3],
    ['Jose Nunez', jose, 3], // accents do not count
    ['jnunez', jose, 3],
    ['Sam R.', sam, 2],
    ['S. Rivera', sam, 2],
    ['Sam', sam, 1],
    ['Rivera', sam, 1],
    ['José', jose, 1],
    ['Samantha Rivers', sam, 0],
    ['S. R.', sam, 0],
    ['Speaker 0', sam, 0],
    ['sam.rivera@other.com', sam, 0],
  ])('%s → %s: %i', (speaker, member, strength) => {
    expect(matchStrength(speaker, member)).toBe(strength);
  });

  it('prefers the surer match, then the earlier speaker', () => {
    // The customer is also called Sam: the full name wins over the first name.
    expect(findRepInTeam(['Sam Patel', 'Sam Rivera'], [sam])).toBe('Sam Rivera');
    expect(findRepInTeam(['Sam Patel', 'Sam R.'], [sam])).toBe('Sam R.');
    // Two team members on the call, equally sure: the first to speak.
    expect(findRepInTeam(['José Núñez', 'Sam Rivera'], [sam, jose])).toBe('José Núñez');
    expect(findRepInTeam(['Speaker 0', 'Speaker 1'], [sam])).toBeNull();
    expect(findRepInTeam(['Sam Rivera'], [])).toBeNull();
  });
});

describe('recogniseRep', () => {
  const segment = (speaker: string, start: number, text: string) => ({ speaker, start, text });

  it('listens for a team member introducing themselves when the speakers have no names', () => {
    const segments = [
      segment('Speaker 0', 0, 'Brightwater Plumbing, Elena speaking.'),
      segment('Speaker 1', 2, "Hi Elena, it's Sam from Kestrel."),
    ];
    expect(recogniseRep(segments, ['Speaker 0', 'Speaker 1'], [sam])).toEqual({
      speaker: 'Speaker 1',
      how: 'introduction',
    });
    // Being greeted by name is not an introduction.
    const greeted = [
      segment('Speaker 0', 0, 'Hi Sam, good to hear from you.'),
      segment('Speaker 1', 2, 'Hello Priya.'),
    ];
    expect(recogniseRep(greeted, ['Speaker 0', 'Speaker 1'], [sam])).toEqual({
      speaker: 'Speaker 0',
      how: 'first-speaker',
    });
    // Only the first two minutes count.
    const late = [
      segment('Speaker 0', 0, 'Hello?'),
      segment('Speaker 1', 130, 'By the way, this is Sam.'),
    ];
    expect(recogniseRep(late, ['Speaker 0', 'Speaker 1'], [sam]).how).toBe('first-speaker');
  });

  it('says how it knows', () => {
    const segments = [segment('Jordan Lee', 0, 'Hello?'), segment('Sam Rivera', 1, 'Hi Jordan.')];
    expect(recogniseRep(segments, ['Jordan Lee', 'Sam Rivera'], [sam])).toEqual({
      speaker: 'Sam Rivera',
      how: 'name',
    });
    expect(recogniseRep(segments, ['Jordan Lee', 'Sam Rivera'], [])).toEqual({
      speaker: 'Jordan Lee',
      how: 'first-speaker',
    });
  });
});

describe('the rep in parseTranscript and assignRep', () => {
  const text = 'Jordan Lee: Hello?\nSam R.: Hi Jordan, Sam from Kestrel.\nJordan Lee: Oh hi.';

  it('marks the team member as the rep and everyone else as customers', () => {
    const call = parseTranscript(text, { team: [sam] });
    expect(call.repSpeaker).toBe('Sam R.');
    expect(call.segments.map((s) => s.role)).toEqual(['customer', 'rep', 'customer']);
  });

  it('takes repSpeaker over the team list, spelled in any case', () => {
    const call = parseTranscript(text, { team: [sam], repSpeaker: 'jordan lee' });
    expect(call.repSpeaker).toBe('Jordan Lee');
    expect(call.segments.map((s) => s.role)).toEqual(['rep', 'customer', 'rep']);
  });

  it('refuses a repSpeaker who is not in the transcript', () => {
    expect(() => parseTranscript(text, { repSpeaker: 'Sam Rivera' })).toThrow(
      "'Sam Rivera' is not a speaker of this transcript (its speakers: Jordan Lee, Sam R.)",
    );
  });

  it('moves the rep with assignRep, or makes everyone a customer with null', () => {
    const call = parseTranscript(text, { team: [sam] });
    const moved = assignRep(call, 'Jordan Lee');
    expect(moved.segments.map((s) => s.role)).toEqual(['rep', 'customer', 'rep']);
    expect(call.segments.map((s) => s.role)).toEqual(['customer', 'rep', 'customer']); // unchanged
    const nobody = assignRep(call, null);
    expect(nobody.repSpeaker).toBeNull();
    expect(nobody.segments.every((s) => s.role === 'customer')).toBe(true);
    expect(() => assignRep(call, 'Priya')).toThrow(RangeError);
  });
});
