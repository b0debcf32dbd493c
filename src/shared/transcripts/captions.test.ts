/// <reference types="vite/client" />
/** WebVTT (Teams voices, Zoom names) and SRT, from tests/fixtures/transcripts; numbers by hand. */
import { describe, expect, it } from 'vitest';
import srtCall from '../../../tests/fixtures/transcripts/call.srt?raw';
import teamsCall from '../../../tests/fixtures/transcripts/teams-call.vtt?raw';
import threeSpeakers from '../../../tests/fixtures/transcripts/three-speakers.vtt?raw';
import zoomCall from '../../../tests/fixtures/transcripts/zoom-call.vtt?raw';
import type { Transcript } from '../scoring/types';
import { parseTranscript } from './index';

function talk(transcript: Transcript, speaker: string): number {
  const seconds = transcript.segments
    .filter((segment) => segment.speaker === speaker)
    .reduce((sum, segment) => sum + segment.end - segment.start, 0);
  return Math.round(seconds * 1000) / 1000;
}

describe('WebVTT from Teams (<v Name> voices)', () => {
  const call = parseTranscript(teamsCall, {
    team: [{ name: 'Sam Rivera', email: 'sam.rivera@kestrel.io' }],
  });

  it('reads each voice as the speaker, skipping the NOTE block', () => {
    expect(call.format).toBe('webvtt');
    expect(call.speakers).toEqual(['Sam Rivera', 'Aiko Tanaka']);
    expect(call.repSpeaker).toBe('Sam Rivera');
    expect(call.segments).toHaveLength(14);
    expect(call.segments[0]).toEqual({
      speaker: 'Sam Rivera',
      role: 'rep',
      start: 1.2,
      end: 5.64,
      text: 'Hi Aiko, thanks for joining. Can you see my screen?',
    });
  });

  it('joins a cue written on two lines, ignores cue settings and decodes entities', () => {
    expect(call.segments[2]!.text).toBe(
      'Great. Before I show anything, what made you look at call tools this quarter?',
    );
    expect(call.segments[8]).toMatchObject({ speaker: 'Aiko Tanaka', start: 70.1, end: 78.7 }); // "align:start"
    expect(call.segments[11]!.text).toBe(
      "Let's bring them in. I'll send a pilot plan & pricing tomorrow. Could we meet again on Friday at eleven?",
    );
  });

  it('keeps a turn split over two cues as two segments', () => {
    expect(call.segments.slice(6, 8).map((s) => [s.speaker, s.start, s.end])).toEqual([
      ['Sam Rivera', 45.4, 58.2],
      ['Sam Rivera', 58.2, 69.6],
    ]);
  });

  it('adds up to the talk time read off the cues', () => {
    // Sam: 4.44 + 7.52 + 3.80 + 12.80 + 11.40 + 14.30 + 10.60 + 2.70 = 67.56 s
    expect(talk(call, 'Sam Rivera')).toBe(67.56);
    // Aiko: 1.25 + 11.40 + 12.80 + 8.60 + 7.30 + 2.70 = 44.05 s
    expect(talk(call, 'Aiko Tanaka')).toBe(44.05);
  });
});

describe('WebVTT from Zoom (Name: prefixes)', () => {
  it('takes the speaker from the prefix, display name and all', () => {
    const call = parseTranscript(zoomCall, {
      team: [{ name: 'Lena Fischer', email: 'lena.fischer@kestrel.io' }],
    });
    expect(call.speakers).toEqual(['Lena Fischer (Kestrel)', 'Omar Haddad']);
    // "Lena Fischer (Kestrel)" is Lena Fischer: the company in brackets does not count.
    expect(call.repSpeaker).toBe('Lena Fischer (Kestrel)');
    expect(call.segments[3]).toEqual({
      speaker: 'Omar Haddad',
      role: 'customer',
      start: 18.8,
      end: 33.6,
      text: 'Whoever is in the office. Leads come in from the website and from Pipedrive, and some of them wait two days before anyone calls.',
    });
    // Lena: 5.63 + 8.60 + 6.40 + 18.70 + 3.80 + 13.40 + 2.30 = 58.83 s
    expect(talk(call, 'Lena Fischer (Kestrel)')).toBe(58.83);
    // Omar: 2.30 + 14.80 + 7.70 + 11.40 + 11.30 + 3.30 = 50.80 s
    expect(talk(call, 'Omar Haddad')).toBe(50.8);
  });
});

describe('WebVTT with three speakers', () => {
  it('gives each voice of a shared cue its own segment with the cue times', () => {
    const call = parseTranscript(threeSpeakers, {
      team: [{ name: 'Sam Rivera', email: 'sam@kestrel.io' }],
    });
    expect(call.speakers).toEqual(['Sam Rivera', 'Ken Mori', 'Aiko Tanaka']);
    expect(call.segments.slice(3, 5)).toEqual([
      { speaker: 'Aiko Tanaka', role: 'customer', start: 28.3, end: 31, text: "That's fair." },
      { speaker: 'Ken Mori', role: 'customer', start: 28.3, end: 31, text: 'Sounds reasonable.' },
    ]);
    // Sam: 5.5 + 12.3 + 6.6 = 24.4 s; Ken: 8.8 + 2.7 + 8.7 = 20.2 s; Aiko: 2.7 s
    expect([talk(call, 'Sam Rivera'), talk(call, 'Ken Mori'), talk(call, 'Aiko Tanaka')]).toEqual([
      24.4, 20.2, 2.7,
    ]);
    expect(
      call.segments.filter((s) => s.role === 'rep').every((s) => s.speaker === 'Sam Rivera'),
    ).toBe(true);
  });
});

describe('SRT', () => {
  const call = parseTranscript(srtCall, {
    team: [{ name: 'Jonas Berg', email: 'jonas.berg@kestrel.io' }],
  });

  it('reads Name: prefixes, with comma milliseconds', () => {
    expect(call.format).toBe('srt');
    expect(call.speakers).toEqual(['Jonas Berg', 'Maya López']);
    expect(call.repSpeaker).toBe('Jonas Berg');
    expect(call.segments).toHaveLength(13);
    expect(call.segments[2]).toEqual({
      speaker: 'Jonas Berg',
      role: 'rep',
      start: 8.6,
      end: 16.4,
      text: 'Thanks. Last time you said your team misses follow-ups after demos. Is that still the main problem?',
    });
  });

  it('gives a cue without a name to the previous speaker, and strips <i>', () => {
    expect(call.segments[4]).toEqual({
      speaker: 'Maya López',
      role: 'customer',
      start: 24.3,
      end: 31.8,
      text: 'Deals sit in the pipeline for weeks and then we mark them lost.',
    });
    expect(call.segments[6]!.text).toBe(
      "We're also talking to Close, and their quote came in lower. Your price is hard to justify right now.",
    );
  });

  it('calls the speaker of unnamed cues before anyone is named "Speaker"', () => {
    const srt =
      '1\n00:00:01,000 --> 00:00:03,000\nHello?\n\n2\n00:00:03,500 --> 00:00:06,000\nJonas Berg: Hi, Jonas from Kestrel.\n';
    expect(parseTranscript(srt).segments.map((s) => s.speaker)).toEqual(['Speaker', 'Jonas Berg']);
  });

  it('adds up to the talk time read off the cues', () => {
    // Jonas: 5.4 + 7.8 + 16.8 + 4.2 + 15.2 + 11.1 = 60.5 s
    expect(talk(call, 'Jonas Berg')).toBe(60.5);
    // Maya: 1.8 + 7.4 + 7.5 + 11.6 + 6.8 + 3.6 + 2.4 = 41.1 s
    expect(talk(call, 'Maya López')).toBe(41.1);
  });
});
