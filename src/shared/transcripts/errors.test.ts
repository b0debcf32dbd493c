/// <reference types="vite/client" />
/** Files that cannot be read say which format was tried and where they broke; and detection. */
import { describe, expect, it } from 'vitest';
import noSpeakerLabels from '../../../tests/fixtures/transcripts/assemblyai-no-speaker-labels.json?raw';
import assemblyAiCall from '../../../tests/fixtures/transcripts/assemblyai-call.json?raw';
import awsCall from '../../../tests/fixtures/transcripts/aws-call.json?raw';
import stamped from '../../../tests/fixtures/transcripts/call-stamped.txt?raw';
import srtCall from '../../../tests/fixtures/transcripts/call.srt?raw';
import deepgramCall from '../../../tests/fixtures/transcripts/deepgram-call.json?raw';
import empty from '../../../tests/fixtures/transcripts/empty.txt?raw';
import malformedAws from '../../../tests/fixtures/transcripts/malformed-aws.json?raw';
import malformedCueTime from '../../../tests/fixtures/transcripts/malformed-cue-time.vtt?raw';
import malformedDeepgram from '../../../tests/fixtures/transcripts/malformed-deepgram.json?raw';
import malformedMissingTime from '../../../tests/fixtures/transcripts/malformed-missing-time.srt?raw';
import malformedStamp from '../../../tests/fixtures/transcripts/malformed-stamp.txt?raw';
import malformedTruncated from '../../../tests/fixtures/transcripts/malformed-truncated.json?raw';
import noSpeakers from '../../../tests/fixtures/transcripts/no-speakers.txt?raw';
import notATranscript from '../../../tests/fixtures/transcripts/not-a-transcript.json?raw';
import teamsCall from '../../../tests/fixtures/transcripts/teams-call.vtt?raw';
import zoomCall from '../../../tests/fixtures/transcripts/zoom-call.vtt?raw';
import type { TranscriptFormat } from '../scoring/types';
import {
  TranscriptError,
  detectFormat,
  parseTranscript,
  type ParseTranscriptOptions,
} from './index';
import { brokenAt } from './json';

function failure(text: string, options?: ParseTranscriptOptions): TranscriptError {
  try {
    parseTranscript(text, options);
  } catch (error) {
    if (error instanceof TranscriptError) return error;
    throw error;
  }
  throw new Error('the file was read without an error');
}

describe('malformed files', () => {
  it.each<[string, string, TranscriptFormat | null, string | null, string]>([
    [
      'malformed-deepgram.json',
      malformedDeepgram,
      'deepgram',
      'results.utterances[3].start',
      "Read as Deepgram JSON: results.utterances[3].start: expected a time in seconds, found '0:41'",
    ],
    [
      'malformed-aws.json',
      malformedAws,
      'aws',
      'results.speaker_labels.segments[2].end_time',
      "Read as AWS Transcribe JSON: results.speaker_labels.segments[2].end_time: expected a time in seconds, found '16,20'",
    ],
    [
      'malformed-truncated.json',
      malformedTruncated,
      null,
      'line 8',
      'Read as JSON: line 8: the file ends in the middle of the JSON: was it cut short? (Unterminated string)',
    ],
    [
      'assemblyai-no-speaker-labels.json',
      noSpeakerLabels,
      'assemblyai',
      'utterances',
      'Read as AssemblyAI JSON: utterances: missing: the file was transcribed without speaker labels (ask AssemblyAI for speaker_labels: true to learn who said what)',
    ],
    [
      'not-a-transcript.json',
      notATranscript,
      null,
      null,
      'Read as JSON: not a transcript from Deepgram (results.utterances), AssemblyAI (utterances) or AWS Transcribe (results.speaker_labels)',
    ],
    [
      'malformed-cue-time.vtt',
      malformedCueTime,
      'webvtt',
      'line 16',
      "Read as WebVTT: line 16: the cue time '00:01:xx.000 --> 00:01:09.000' is not a time (expected hh:mm:ss.mmm --> hh:mm:ss.mmm)",
    ],
    [
      'malformed-missing-time.srt',
      malformedMissingTime,
      'srt',
      'line 10',
      "Read as SRT: line 10: cue 3 has no time: expected 'hh:mm:ss,mmm --> hh:mm:ss,mmm', found 'Jonas Berg: Thanks. Is the follow-up pro'",
    ],
    [
      'malformed-stamp.txt',
      malformedStamp,
      'text',
      'line 4',
      "Read as plain text: line 4: the time '01:75' is not a time (expected mm:ss or hh:mm:ss, minutes and seconds under 60)",
    ],
    [
      'no-speakers.txt',
      noSpeakers,
      'text',
      'line 1',
      "Read as plain text: line 1: no line starts with a speaker's name, as in 'Sam Rivera: Hello' or '[00:12] Sam Rivera: Hello'",
    ],
    ['empty.txt', empty, null, null, 'The file is empty: there is no transcript in it'],
  ])('%s', (filename, text, format, where, message) => {
    const error = failure(text, { filename });
    expect(error.message).toBe(message);
    expect(error.format).toBe(format);
    expect(error.where).toBe(where);
  });

  it('names the line of broken JSON wherever the engine puts it', () => {
    const text = '{\n  "utterances": [\n    { "speaker": "A", "start": 10 "end": 20 }\n  ]\n}';
    const error = failure(text);
    expect(error.message).toMatch(/^Read as JSON: line 3: the JSON is broken \(/);
    expect(error.line).toBe(3);
    expect(failure('{"utterances": [\n{"start": tru}]}').line).toBe(2);
  });

  it('finds where JSON breaks', () => {
    expect(brokenAt('{"a": 1 "b": 2}')).toBe(8);
    expect(brokenAt('[1, 2,]')).toBe(6);
    expect(brokenAt('{"a": "x')).toBe(8);
    expect(brokenAt('{"a": [1, {"b": null}], "c": "\\"q\\""} x')).toBe(38);
  });

  it('says when a file has cues or lines but no words', () => {
    const silent = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sam>...</v>\n';
    expect(failure(silent).message).toBe('Read as WebVTT: there is no spoken text in it');
  });

  it('rejects negative times and speakers of the wrong kind, naming the value', () => {
    const negative = JSON.stringify({
      utterances: [{ speaker: 'A', start: -20, end: 100, text: 'Hi' }],
    });
    expect(failure(negative).message).toBe(
      'Read as AssemblyAI JSON: utterances[0].start: a time cannot be negative, found -20',
    );
    const speaker = JSON.stringify({
      utterances: [{ speaker: { id: 1 }, start: 0, end: 100, text: 'Hi' }],
    });
    expect(failure(speaker).where).toBe('utterances[0].speaker');
  });
});

describe('a format forced on a file it does not fit', () => {
  it.each<[string, string, TranscriptFormat, string]>([
    [
      'a WebVTT file as SRT',
      teamsCall,
      'srt',
      "Read as SRT: line 1: expected a cue number, found 'WEBVTT'",
    ],
    [
      'an SRT file as WebVTT',
      srtCall,
      'webvtt',
      "Read as WebVTT: line 1: a WebVTT file starts with 'WEBVTT', this one with '1'",
    ],
    [
      'AssemblyAI JSON as Deepgram',
      assemblyAiCall,
      'deepgram',
      'Read as Deepgram JSON: results: missing: a Deepgram transcript has results.utterances or results.channels',
    ],
    [
      'Deepgram JSON as AWS',
      deepgramCall,
      'aws',
      'Read as AWS Transcribe JSON: results.speaker_labels: missing: the job ran without speaker identification (turn on ShowSpeakerLabels to learn who said what)',
    ],
    [
      'plain text as AssemblyAI',
      stamped,
      'assemblyai',
      'Read as AssemblyAI JSON: line 1: the JSON is broken (Unexpected token',
    ],
  ])('%s', (_, text, format, message) => {
    const error = failure(text, { format });
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.format).toBe(format);
  });

  it('reads the file when the forced format is right', () => {
    expect(parseTranscript(zoomCall, { format: 'webvtt' }).segments).toHaveLength(13);
  });
});

describe('detectFormat', () => {
  it.each<[string, string, TranscriptFormat]>([
    ['deepgram-call.json', deepgramCall, 'deepgram'],
    ['assemblyai-call.json', assemblyAiCall, 'assemblyai'],
    ['aws-call.json', awsCall, 'aws'],
    ['teams-call.vtt', teamsCall, 'webvtt'],
    ['zoom-call.vtt', zoomCall, 'webvtt'],
    ['call.srt', srtCall, 'srt'],
    ['call-stamped.txt', stamped, 'text'],
  ])('%s is %s, with or without its name', (filename, text, format) => {
    expect(detectFormat(text, filename)).toBe(format);
    expect(detectFormat(text)).toBe(format);
    expect(detectFormat(text, 'download')).toBe(format);
  });

  it('believes the content over the extension', () => {
    expect(detectFormat(teamsCall, 'call.txt')).toBe('webvtt');
    expect(detectFormat(srtCall, 'call.txt')).toBe('srt');
    expect(detectFormat(deepgramCall, 'call.vtt')).toBe('deepgram');
    // A byte-order mark does not hide a header.
    expect(detectFormat(`\uFEFF${teamsCall}`)).toBe('webvtt');
    // "[00:00] Alex…" starts with a bracket, but is no JSON list.
    expect(detectFormat('[00:00] Alex: Hi.\n[00:02] Sam: Hello.')).toBe('text');
  });

  it('reads captions without a WEBVTT header like SRT, whatever the extension', () => {
    const headless = '1\n00:00:01.000 --> 00:00:03.000\nSam: Hello.\n';
    expect(detectFormat(headless, 'call.vtt')).toBe('srt');
    expect(parseTranscript(headless, { filename: 'call.vtt' }).segments[0]).toMatchObject({
      speaker: 'Sam',
      start: 1,
      end: 3,
    });
  });

  it('takes the extension when the content does not say', () => {
    expect(detectFormat('Sam: Hello.', 'call.vtt')).toBe('webvtt');
    expect(detectFormat('Sam: Hello.', 'call.srt')).toBe('srt');
    expect(detectFormat('Sam: Hello.', 'call.txt')).toBe('text');
    // A .json file that is not JSON fails as JSON, not as text.
    expect(failure('Sam: Hello.', { filename: 'call.json' }).message).toMatch(
      /^Read as JSON: line 1: the JSON is broken/,
    );
  });
});
