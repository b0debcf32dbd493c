/// <reference types="vite/client" />
/**
 * The JSON of the speech-to-text services, read from the fixtures in
 * tests/fixtures/transcripts. Every expected number below is taken from the fixture by hand.
 */
import { describe, expect, it } from 'vitest';
import assemblyAiCall from '../../../tests/fixtures/transcripts/assemblyai-call.json?raw';
import awsAudioSegments from '../../../tests/fixtures/transcripts/aws-audio-segments.json?raw';
import awsCall from '../../../tests/fixtures/transcripts/aws-call.json?raw';
import deepgramCall from '../../../tests/fixtures/transcripts/deepgram-call.json?raw';
import deepgramParagraphs from '../../../tests/fixtures/transcripts/deepgram-paragraphs.json?raw';
import voicemail from '../../../tests/fixtures/transcripts/one-speaker-voicemail.json?raw';
import overlapping from '../../../tests/fixtures/transcripts/overlapping-stereo.json?raw';
import type { Transcript } from '../scoring/types';
import { assignRep, parseTranscript } from './index';

/** Seconds spoken by one role: the sum of its segments' lengths. */
function talk(transcript: Transcript, role: 'rep' | 'customer'): number {
  const seconds = transcript.segments
    .filter((segment) => segment.role === role)
    .reduce((sum, segment) => sum + segment.end - segment.start, 0);
  return Math.round(seconds * 1000) / 1000;
}

describe('Deepgram', () => {
  const team = [{ name: 'Sam Rivera', email: 'sam.rivera@kestrel.io' }];

  it('reads results.utterances in seconds, speakers as "Speaker n"', () => {
    const call = parseTranscript(deepgramCall, { team });
    expect(call.format).toBe('deepgram');
    expect(call.timed).toBe(true);
    expect(call.speakers).toEqual(['Speaker 0', 'Speaker 1']);
    // No speaker is named, but Speaker 0 says "this is Sam from Kestrel" at 0.48 s.
    expect(call.repSpeaker).toBe('Speaker 0');
    expect(call.segments).toHaveLength(15);
    expect(call.segments[0]).toEqual({
      speaker: 'Speaker 0',
      role: 'rep',
      start: 0.48,
      end: 6.12,
      text: 'Hi Priya, this is Sam from Kestrel. Thanks for making time today, is this still a good moment?',
    });
    expect(call.segments[7]).toEqual({
      speaker: 'Speaker 1',
      role: 'customer',
      start: 78.9,
      end: 92.35,
      text: "It sounds good, but the price on your site is forty-five dollars a seat. That's more than we pay for Pipedrive today.",
    });
    expect(call.segments[14]).toMatchObject({ speaker: 'Speaker 0', start: 138.3, end: 140.15 });
    // Rep: 5.64 + 9.46 + 3.85 + 22.70 + 3.20 + 14.40 + 10.70 + 1.85 = 71.80 s
    expect(talk(call, 'rep')).toBe(71.8);
    // Customer: 1.42 + 18.45 + 13.70 + 13.45 + 4.65 + 6.30 + 3.40 = 61.37 s
    expect(talk(call, 'customer')).toBe(61.37);
  });

  it('reads the paragraphs of channels[0].alternatives[0] when there are no utterances', () => {
    const call = parseTranscript(deepgramParagraphs);
    expect(call.segments.map((s) => [s.speaker, s.start, s.end])).toEqual([
      ['Speaker 0', 0.48, 6.12],
      ['Speaker 1', 6.6, 8.02],
      ['Speaker 0', 8.4, 17.86],
      ['Speaker 1', 18.3, 36.75],
      ['Speaker 0', 37.2, 41.05],
    ]);
    // The paragraph's sentences, joined.
    expect(call.segments[2]!.text).toBe(
      'Great. You mentioned on the form that your reps log calls in spreadsheets. How many reps are on the team right now, and how do you track their follow-ups?',
    );
  });

  it('groups the words of a diarised alternative into runs of one speaker', () => {
    const words = [
      { word: 'hi', punctuated_word: 'Hi', start: 0.1, end: 0.3, speaker: 0 },
      { word: 'there', punctuated_word: 'there.', start: 0.3, end: 0.7, speaker: 0 },
      { word: 'hello', punctuated_word: 'Hello!', start: 1.2, end: 1.6, speaker: 1 },
      { word: 'so', punctuated_word: 'So,', start: 2.0, end: 2.2, speaker: 0 },
    ];
    const json = JSON.stringify({
      results: { channels: [{ alternatives: [{ transcript: '', words }] }] },
    });
    expect(parseTranscript(json).segments).toEqual([
      { speaker: 'Speaker 0', role: 'rep', start: 0.1, end: 0.7, text: 'Hi there.' },
      { speaker: 'Speaker 1', role: 'customer', start: 1.2, end: 1.6, text: 'Hello!' },
      { speaker: 'Speaker 0', role: 'rep', start: 2, end: 2.2, text: 'So,' },
    ]);
  });

  it('names the channels of a stereo recording and keeps overlapping speech', () => {
    const call = parseTranscript(overlapping, { team });
    expect(call.speakers).toEqual(['Channel 0', 'Channel 1']);
    expect(call.repSpeaker).toBe('Channel 0'); // "it's Sam from Kestrel"
    const [, , rep, customer, , backchannel] = call.segments;
    // The customer cuts in at 18.2 s while the rep speaks until 19.6 s: 1.4 s of overlap, kept.
    expect([rep!.speaker, rep!.end, customer!.speaker, customer!.start]).toEqual([
      'Channel 0',
      19.6,
      'Channel 1',
      18.2,
    ]);
    // "Okay, good." (31.9–33.1) lies inside the rep's turn (24.9–33.4).
    expect(backchannel).toMatchObject({
      speaker: 'Channel 1',
      start: 31.9,
      end: 33.1,
      text: 'Okay, good.',
    });
    // Rep: 5.5 + 9.8 + 8.5 = 23.8 s; customer: 3.3 + 6.3 + 1.2 + 2.4 = 13.2 s
    expect(talk(call, 'rep')).toBe(23.8);
    expect(talk(call, 'customer')).toBe(13.2);
  });
});

describe('AssemblyAI', () => {
  it('reads utterances in milliseconds, speakers as "Speaker A"', () => {
    const call = parseTranscript(assemblyAiCall, {
      team: [{ name: 'Marcus Chen', email: 'marcus@kestrel.io' }],
    });
    expect(call.format).toBe('assemblyai');
    expect(call.speakers).toEqual(['Speaker A', 'Speaker B']);
    expect(call.segments).toHaveLength(12);
    expect(call.segments[0]).toEqual({
      speaker: 'Speaker A',
      role: 'customer',
      start: 0.32,
      end: 2.14,
      text: 'Brightwater Plumbing, Elena speaking.',
    });
    expect(call.segments[1]).toMatchObject({
      speaker: 'Speaker B',
      role: 'rep',
      start: 2.6,
      end: 11.8,
    });
    expect(call.segments[6]).toEqual({
      speaker: 'Speaker A',
      role: 'customer',
      start: 61.7,
      end: 72.4,
      text: "How much is it, though? If it's HubSpot money, I can stop you right there.",
    });
    // Marcus (B): 9.2 + 8.45 + 16.3 + 17.3 + 12.4 + 3.5 = 67.15 s
    expect(talk(call, 'rep')).toBe(67.15);
    // Elena (A): 1.82 + 3.7 + 19.5 + 10.7 + 9.2 + 4.4 = 49.32 s
    expect(talk(call, 'customer')).toBe(49.32);
  });

  it('takes the first speaker for the rep when nothing says who it is, and can be corrected', () => {
    // Elena answers the phone, so the guess is wrong here: that is what assignRep is for.
    const guessed = parseTranscript(assemblyAiCall);
    expect(guessed.repSpeaker).toBe('Speaker A');
    const corrected = assignRep(guessed, 'Speaker B');
    expect(corrected.repSpeaker).toBe('Speaker B');
    expect(talk(corrected, 'rep')).toBe(67.15);
    expect(corrected.segments[0]!.role).toBe('customer');
  });

  it('reads a voicemail: one speaker, the rep', () => {
    const call = parseTranscript(voicemail);
    expect(call.speakers).toEqual(['Speaker A']);
    expect(call.repSpeaker).toBe('Speaker A');
    expect(call.segments.map((s) => [s.role, s.start, s.end])).toEqual([
      ['rep', 0.6, 14.8],
      ['rep', 15.4, 27.9],
    ]);
    expect(talk(call, 'customer')).toBe(0);
  });
});

describe('AWS Transcribe', () => {
  it('places the words of results.items in the speaker turns by time', () => {
    const call = parseTranscript(awsCall, {
      team: [{ name: 'Dana Okafor', email: 'dana@kestrel.io' }],
    });
    expect(call.format).toBe('aws');
    expect(call.speakers).toEqual(['spk_0', 'spk_1']);
    expect(call.repSpeaker).toBe('spk_0'); // "it's Dana with Kestrel"
    expect(call.segments).toHaveLength(13);
    expect(call.segments[0]).toEqual({
      speaker: 'spk_0',
      role: 'rep',
      start: 0.54,
      end: 7.89,
      text: "Hi Tom, it's Dana with Kestrel. I'm following up on the trial your team started last week.",
    });
    expect(call.segments[3]).toEqual({
      speaker: 'spk_1',
      role: 'customer',
      start: 16.62,
      end: 33.4,
      text: "The follow-up reminders, mostly. Nobody forgets a callback now. But our manager asked why we'd switch from Salesforce when we already pay for it.",
    });
    expect(call.segments[12]).toMatchObject({
      speaker: 'spk_0',
      start: 115.6,
      end: 117.9,
      text: 'Great, talk then, Tom.',
    });
    // Dana: 7.35 + 3.72 + 16.25 + 3.85 + 16.85 + 10.10 + 2.30 = 60.42 s
    expect(talk(call, 'rep')).toBe(60.42);
    // Tom: 3.74 + 16.78 + 14.23 + 5.80 + 7.35 + 2.80 = 50.70 s
    expect(talk(call, 'customer')).toBe(50.7);
  });

  it('reads the newer audio_segments when present', () => {
    const call = parseTranscript(awsAudioSegments);
    expect(call.segments.map((s) => [s.speaker, s.start, s.end])).toEqual([
      ['spk_0', 0.54, 7.89],
      ['spk_1', 8.31, 12.05],
      ['spk_0', 12.48, 16.2],
      ['spk_1', 16.62, 33.4],
    ]);
    expect(call.segments[2]!.text).toBe('Good to hear. What have they liked so far?');
  });

  it("gives a word between turns to the nearest turn, and follows a word's own speaker label", () => {
    const word = (content: string, start: number, end: number, label?: string) => ({
      start_time: String(start),
      end_time: String(end),
      ...(label ? { speaker_label: label } : {}),
      alternatives: [{ confidence: '0.99', content }],
      type: 'pronunciation',
    });
    const json = JSON.stringify({
      results: {
        speaker_labels: {
          segments: [
            { speaker_label: 'spk_0', start_time: '0.0', end_time: '2.0' },
            { speaker_label: 'spk_1', start_time: '2.0', end_time: '4.0' },
            { speaker_label: 'spk_0', start_time: '5.0', end_time: '6.0' },
          ],
        },
        items: [
          word('Hello', 0.2, 0.6),
          { alternatives: [{ content: ',' }], type: 'punctuation' },
          word('yes', 1.5, 1.9, 'spk_1'), // inside spk_0's turn, but labelled spk_1
          word('Hi', 2.0, 2.4),
          word('again', 4.3, 4.6), // in the gap: 0.45 s after spk_1's turn, 0.55 s before spk_0's
          { alternatives: [{ content: '.' }], type: 'punctuation' },
          word('Bye', 5.1, 5.4),
        ],
      },
    });
    expect(parseTranscript(json).segments.map((s) => [s.speaker, s.start, s.text])).toEqual([
      ['spk_0', 0, 'Hello,'],
      ['spk_1', 2, 'yes Hi again.'],
      ['spk_0', 5, 'Bye'],
    ]);
  });
});
