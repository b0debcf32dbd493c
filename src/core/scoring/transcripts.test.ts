/** Importing a transcript onto a call, naming its rep, scoring it again, and who may. */
import { describe, expect, it } from 'vitest';
import {
  DEAL_ID,
  failure,
  idOf,
  NOW,
  scoringTeam,
  transcriptFixture,
  type Person,
} from '../../../tests/helpers/scoringTeam';
import { scoreLocally } from '../../shared/scoring/local';
import { assignRep, parseTranscript } from '../../shared/transcripts';

const dimension = (score: { dimensions: { id: string }[] } | null, id: string) => {
  const found = score?.dimensions.find((d) => d.id === id);
  if (!found) throw new Error(`no dimension ${id}`);
  return found as { id: string; value: number | null; score: number | null; source: string };
};

describe('transcripts.import', () => {
  it.each([
    // file, the call's rep, format, the rep's speaker, how the rep was found
    ['deepgram-call.json', 'sam', 'deepgram', 'Speaker 0', 'introduction'],
    ['assemblyai-call.json', 'marcus', 'assemblyai', 'Speaker B', 'introduction'],
    ['aws-call.json', 'dana', 'aws', 'spk_0', 'introduction'],
    ['teams-call.vtt', 'sam', 'webvtt', 'Sam Rivera', 'name'],
    ['zoom-call.vtt', 'lena', 'webvtt', 'Lena Fischer (Kestrel)', 'name'],
    ['call.srt', 'jonas', 'srt', 'Jonas Berg', 'name'],
    ['call-stamped.txt', 'alex', 'text', 'Alex Morgan', 'name'],
  ] as const)(
    '%s: detected, the rep recognised, stored and scored by the local rules',
    async (file, rep, format, repSpeaker, how) => {
      const { core, logCall, signIn } = await scoringTeam();
      const callId = logCall(rep);
      signIn(rep);
      const text = transcriptFixture(file);
      const detail = await core.call('transcripts.import', { callId, text, filename: file });

      expect(detail).toMatchObject({
        id: callId,
        repId: idOf(rep),
        dealTitle: 'Harbor Freightways',
        repFoundBy: how,
        scoredAt: NOW,
      });
      expect(detail.transcript).toMatchObject({ format, repSpeaker, timed: true });
      // What was stored is the file as parsed, with the rep's lines marked.
      const expected = assignRep(parseTranscript(text, { filename: file }), repSpeaker);
      expect(detail.transcript!.segments).toEqual(expected.segments);
      expect(detail.transcript!.segments.some((s) => s.role === 'rep')).toBe(true);
      expect(
        detail.transcript!.segments.every((s) => (s.role === 'rep') === (s.speaker === repSpeaker)),
      ).toBe(true);

      const local = scoreLocally(expected);
      expect(detail.score).toMatchObject({
        overall: local.overall,
        tips: local.tips,
        scorer: { kind: 'local', name: 'Local rules' },
        configVersion: 1,
      });
      expect(detail.score!.overall).toBeGreaterThan(0);
      expect(detail.score!.dimensions.map((d) => d.id)).toEqual(local.dimensions.map((d) => d.id));
      expect(detail.score!.dimensions.every((d) => d.source === 'local')).toBe(true);
      expect(detail.score).not.toHaveProperty('fallbackReason');

      // calls.get reads back exactly what the import returned.
      expect(await core.call('calls.get', { id: callId })).toEqual(detail);
    },
  );

  it('reads a plain text file without times and says so', async () => {
    const { core, logCall } = await scoringTeam();
    const callId = logCall('ray');
    const detail = await core.call('transcripts.import', {
      callId,
      text: transcriptFixture('no-timestamps.txt'),
    });
    expect(detail.transcript).toMatchObject({ format: 'text', timed: false });
    // Nobody of the team speaks: the first speaker is taken for the rep, and the page says it guessed.
    expect(detail.repFoundBy).toBe('first-speaker');
    expect(detail.transcript!.repSpeaker).toBe('Riley Park');
    expect(dimension(detail.score, 'talkRatio').value).toBeNull();
  });

  it('prefers the call’s own rep when two of the team speak', async () => {
    const { core } = await scoringTeam();
    // Sam Rivera and Ken Mori speak; were Ken on the team, the call's rep still wins.
    const ken = core.store.write((w) =>
      w.insert('users', { name: 'Ken Mori', email: 'ken@kestrel.example' }),
    );
    const callId = core.store.write((w) =>
      w.insert('calls', { rep_id: ken, started_at: NOW - 60_000, deal_id: DEAL_ID }),
    );
    const detail = await core.call('transcripts.import', {
      callId,
      text: transcriptFixture('three-speakers.vtt'),
    });
    expect(detail.transcript!.repSpeaker).toBe('Ken Mori');
    expect(detail.repFoundBy).toBe('name');
  });

  it.each([
    ['malformed-cue-time.vtt', /^Read as WebVTT: line 16: /],
    ['malformed-deepgram.json', /^Read as Deepgram JSON: results\.utterances\[3\]\.start: /],
    ['malformed-missing-time.srt', /^Read as SRT: line 10: /],
    ['malformed-stamp.txt', /^Read as plain text: line 4: /],
    ['not-a-transcript.json', /^Read as JSON: not a transcript from Deepgram/],
  ])(
    '%s: refused on the field text, naming the format and where it broke',
    async (file, message) => {
      const { core, logCall } = await scoringTeam();
      const callId = logCall('sam');
      const error = await failure(
        core.call('transcripts.import', { callId, text: transcriptFixture(file), filename: file }),
      );
      expect(error).toMatchObject({ code: 'invalid_input', field: 'text' });
      expect(error.message).toMatch(message);
      // Nothing was kept.
      expect(await core.call('calls.get', { id: callId })).toMatchObject({
        transcript: null,
        score: null,
      });
    },
  );

  it('reads a file as the format it is told, and says so when it does not fit', async () => {
    const { core, logCall } = await scoringTeam();
    const callId = logCall('sam');
    const error = await failure(
      core.call('transcripts.import', {
        callId,
        text: transcriptFixture('call.srt'),
        format: 'deepgram',
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_input', field: 'text' });
    expect(error.message).toMatch(/^Read as Deepgram JSON: /);
  });

  it('refuses a call that does not exist and an empty file, naming the field', async () => {
    const { core } = await scoringTeam();
    const missing = await failure(
      core.call('transcripts.import', {
        callId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
        text: 'Sam: hi',
      }),
    );
    expect(missing).toMatchObject({ code: 'not_found', field: 'callId' });
    const empty = await failure(
      core.call('transcripts.import', { callId: 'x'.repeat(3), text: '' }),
    );
    expect(empty.code).toBe('invalid_input');
  });

  it('importing again replaces the transcript and its score', async () => {
    const { core, logCall } = await scoringTeam();
    const callId = logCall('sam');
    await core.call('transcripts.import', { callId, text: transcriptFixture('teams-call.vtt') });
    const again = await core.call('transcripts.import', {
      callId,
      text: transcriptFixture('deepgram-call.json'),
    });
    expect(again.transcript!.format).toBe('deepgram');
    const rows = core.store
      .prepare(
        'SELECT (SELECT count(*) FROM call_transcripts) AS t, (SELECT count(*) FROM call_scores) AS s',
      )
      .get() as { t: number; s: number };
    expect(rows).toEqual({ t: 1, s: 1 });
  });
});

describe('transcripts.setRep', () => {
  it('makes another speaker the rep and rescores: the talk ratio turns around', async () => {
    let now = NOW;
    const { core, logCall } = await scoringTeam({ now: () => now });
    const callId = logCall('sam');
    const before = await core.call('transcripts.import', {
      callId,
      text: transcriptFixture('deepgram-call.json'),
    });
    const ratio = dimension(before.score, 'talkRatio').value!;
    now += 60_000;
    const after = await core.call('transcripts.setRep', { callId, speaker: 'Speaker 1' });
    expect(after.transcript!.repSpeaker).toBe('Speaker 1');
    expect(after.repFoundBy).toBe('person');
    expect(after.scoredAt).toBe(NOW + 60_000);
    // Two speakers: the rep's share of the talk was the customer's.
    expect(dimension(after.score, 'talkRatio').value).toBeCloseTo(1 - ratio, 6);
    expect(after.score!.overall).toBe(
      scoreLocally(assignRep(before.transcript!, 'Speaker 1')).overall,
    );
    expect(await core.call('calls.get', { id: callId })).toEqual(after);
  });

  it('refuses a speaker who is not in the transcript, and a call without one', async () => {
    const { core, logCall } = await scoringTeam();
    const callId = logCall('sam');
    const none = await failure(core.call('transcripts.setRep', { callId, speaker: 'Sam' }));
    expect(none).toMatchObject({ code: 'not_found', field: 'callId' });
    await core.call('transcripts.import', { callId, text: transcriptFixture('teams-call.vtt') });
    const stranger = await failure(core.call('transcripts.setRep', { callId, speaker: 'Bob' }));
    expect(stranger).toMatchObject({ code: 'invalid_input', field: 'speaker' });
    expect(stranger.message).toMatch(/Sam Rivera, Aiko Tanaka/);
  });
});

describe('calls.rescore and calls.get', () => {
  it('scores the stored transcript again; a call without one says so', async () => {
    let now = NOW;
    const { core, logCall } = await scoringTeam({ now: () => now });
    const callId = logCall('sam');
    const error = await failure(core.call('calls.rescore', { id: callId }));
    expect(error).toMatchObject({ code: 'not_found', field: 'id' });
    expect(error.message).toMatch(/no transcript/);
    const first = await core.call('transcripts.import', {
      callId,
      text: transcriptFixture('teams-call.vtt'),
    });
    now += 1_000;
    const again = await core.call('calls.rescore', { id: callId });
    expect(again.score).toEqual(first.score);
    expect(again.scoredAt).toBe(NOW + 1_000);
  });

  it('gives a call without transcript, and refuses an unknown id', async () => {
    const { core, logCall } = await scoringTeam();
    const callId = logCall(null);
    expect(await core.call('calls.get', { id: callId })).toMatchObject({
      id: callId,
      repId: null,
      repName: null,
      dealTitle: 'Harbor Freightways',
      transcript: null,
      repFoundBy: null,
      score: null,
      scoredAt: null,
    });
    const error = await failure(
      core.call('calls.get', { id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' }),
    );
    expect(error).toMatchObject({ code: 'not_found', field: 'id' });
  });
});

describe('who may change a call’s transcript and score', () => {
  const cases: [Person, boolean][] = [
    ['sam', true], // his own call
    ['ray', false], // another rep's
    ['sue', false], // customer success
    ['max', true], // a manager
    ['ada', true], // an admin
  ];
  it.each(cases)('%s on Sam’s call: allowed %s', async (person, allowed) => {
    const { core, logCall, signIn } = await scoringTeam();
    const callId = logCall('sam');
    await core.call('transcripts.import', { callId, text: transcriptFixture('teams-call.vtt') });
    signIn(person);
    const attempts = [
      () => core.call('transcripts.import', { callId, text: transcriptFixture('teams-call.vtt') }),
      () => core.call('transcripts.setRep', { callId, speaker: 'Aiko Tanaka' }),
      () => core.call('calls.rescore', { id: callId }),
    ];
    for (const attempt of attempts) {
      if (allowed) await expect(attempt()).resolves.toMatchObject({ id: callId });
      else {
        const error = await failure(attempt());
        expect(error.code).toBe('unauthorized');
        expect(error.message).toMatch(
          /only managers and admins .* someone else’s call; this one is Sam Rivera’s/,
        );
      }
    }
    // Everyone may read it.
    await expect(core.call('calls.get', { id: callId })).resolves.toMatchObject({ id: callId });
  });

  it('anyone may attach a transcript to a call without a rep', async () => {
    const { core, logCall, signIn } = await scoringTeam();
    const callId = logCall(null);
    signIn('ray');
    const detail = await core.call('transcripts.import', {
      callId,
      text: transcriptFixture('call.srt'),
    });
    expect(detail.score).not.toBeNull();
  });
});

describe('a score row from another laptop that is not well formed', () => {
  it('shows the dimensions that can be read and leaves the rest out, instead of failing', async () => {
    const { core, logCall } = await scoringTeam();
    const callId = logCall('sam');
    const good = await core.call('transcripts.import', {
      callId,
      text: transcriptFixture('call.srt'),
    });
    const readable = good.score!.dimensions.length;
    const row = core.store.db
      .prepare('SELECT dimensions FROM call_scores WHERE id = ?')
      .get(callId) as { dimensions: string };
    const broken = [null, { id: 'talkRatio' }, ...JSON.parse(row.dimensions)];
    core.store.write((w) =>
      w.update('call_scores', callId, { dimensions: JSON.stringify(broken) }),
    );
    const detail = await core.call('calls.get', { id: callId });
    expect(detail.score!.dimensions).toHaveLength(readable);
  });
});
