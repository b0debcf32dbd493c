/**
 * The remote scorer against a stub OpenAI-compatible server on 127.0.0.1: what it sends, how the
 * model's judgement lands on top of the local score, and how every failure falls back to the
 * local rules and says why.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { scoringTeam, transcriptFixture } from '../../../tests/helpers/scoringTeam';
import { DEFAULT_SCORING_CONFIG } from '../../shared/scoring/config';
import { scoreLocally } from '../../shared/scoring/local';
import type { Transcript } from '../../shared/scoring/types';
import { assignRep, parseTranscript } from '../../shared/transcripts';
import { MemorySecretStore } from '../secrets';
import { redact, scoreRemotely, transcriptForPrompt, type RemoteScorerOptions } from './remote';

interface Seen {
  headers: IncomingMessage['headers'];
  body: {
    model: string;
    temperature: number;
    messages: { role: string; content: string }[];
    response_format: { type: string; json_schema?: { schema: unknown } };
  };
  url: string;
}

type Reply = (response: ServerResponse) => void;

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A chat-completions stub: records each request and answers with `reply`. */
async function stub(reply: Reply): Promise<{ endpoint: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      seen.push({
        headers: request.headers,
        body: JSON.parse(text) as Seen['body'],
        url: request.url ?? '',
      });
      reply(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  });
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}/v1`, seen };
}

const json =
  (status: number, body: unknown): Reply =>
  (response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
/** A chat completion whose message is `content`. */
const completion = (content: string): Reply =>
  json(200, { id: 'cmpl-1', choices: [{ index: 0, message: { role: 'assistant', content } }] });

const transcript: Transcript = (() => {
  const parsed = parseTranscript(transcriptFixture('teams-call.vtt'));
  return assignRep(parsed, 'Sam Rivera');
})();
const local = scoreLocally(transcript, DEFAULT_SCORING_CONFIG);

/** A quote the customer really says in teams-call.vtt, and its line. */
const realQuote = transcript.segments.find((s) => s.role === 'customer' && s.text.length > 30)!;

const rubric = {
  overall: 71,
  dimensions: {
    objectionHandling: {
      score: 35,
      explanation: 'The rep answered the price concern with features instead of asking why.',
      evidence: [
        {
          quote: realQuote.text.slice(0, 25),
          start: realQuote.start + 2,
          speaker: realQuote.speaker,
        },
        { quote: 'We will never buy this, ever.', start: 12, speaker: 'Aiko Tanaka' },
      ],
    },
    nextStepSpecificity: {
      score: 90,
      explanation: 'A demo with the team is booked for Friday at eleven.',
      evidence: [],
    },
    discoveryQuality: {
      score: 64,
      explanation: 'Good questions on the process, none on the budget.',
      evidence: [],
    },
  },
  tips: ['Ask what "expensive" is compared to before answering a price concern.'],
};

const options = (
  endpoint: string,
  extra: Partial<RemoteScorerOptions> = {},
): RemoteScorerOptions => ({
  endpoint,
  model: 'judge-7b',
  apiKey: 'sk-test-key-42',
  timeoutMs: 5_000,
  ...extra,
});

const weightedMean = (dimensions: { score: number | null; weight: number }[]) => {
  let sum = 0;
  let weights = 0;
  for (const d of dimensions) {
    if (d.score === null || d.weight <= 0) continue;
    sum += d.score * d.weight;
    weights += d.weight;
  }
  return Math.round(sum / weights);
};

describe('scoreRemotely', () => {
  it('sends the model, the key and the transcript, and lays the model’s judgement over the local score', async () => {
    const { endpoint, seen } = await stub(completion(JSON.stringify(rubric)));
    const score = await scoreRemotely(transcript, DEFAULT_SCORING_CONFIG, options(`${endpoint}/`));

    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.url).toBe('/v1/chat/completions');
    expect(request!.headers.authorization).toBe('Bearer sk-test-key-42');
    expect(request!.body).toMatchObject({ model: 'judge-7b', temperature: 0 });
    expect(request!.body.response_format.type).toBe('json_schema');
    const user = request!.body.messages.find((m) => m.role === 'user')!.content;
    expect(user).toContain('The rep is Sam Rivera.');
    for (const segment of transcript.segments) expect(user).toContain(segment.text);

    expect(score.scorer).toEqual({ kind: 'remote', name: 'judge-7b', version: '1' });
    expect(score).not.toHaveProperty('fallbackReason');
    const byId = new Map(score.dimensions.map((d) => [d.id, d]));
    expect(byId.get('objectionsHandled')).toMatchObject({
      score: 35,
      source: 'remote',
      explanation: rubric.dimensions.objectionHandling.explanation,
    });
    // The real quote is placed on its line; the invented one is left out.
    expect(byId.get('objectionsHandled')!.evidence).toEqual([
      {
        start: realQuote.start,
        end: realQuote.end,
        speaker: realQuote.speaker,
        quote: realQuote.text.slice(0, 25),
      },
    ]);
    expect(byId.get('nextSteps')).toMatchObject({ score: 90, source: 'remote' });
    expect(byId.get('discoveryQuality')).toMatchObject({
      label: 'Discovery quality',
      score: 64,
      value: 0.64,
      weight: 0,
      source: 'remote',
    });
    // Every other number is the local rules', and says so.
    for (const dimension of local.dimensions) {
      if (dimension.id === 'objectionsHandled' || dimension.id === 'nextSteps') continue;
      expect(byId.get(dimension.id)).toEqual({ ...dimension, source: 'local' });
    }
    // The overall is the weighted mean again, with the model's numbers in it.
    expect(score.overall).toBe(weightedMean(score.dimensions));
    expect(score.overall).not.toBe(local.overall);
    expect(score.tips[0]).toBe(rubric.tips[0]);
    expect(score.tips.slice(1)).toEqual(local.tips.slice(0, 4));
  });

  it('sends no authorization header without a key (a local model server)', async () => {
    const { endpoint, seen } = await stub(completion(JSON.stringify(rubric)));
    const score = await scoreRemotely(
      transcript,
      DEFAULT_SCORING_CONFIG,
      options(endpoint, { apiKey: null }),
    );
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(score.scorer.kind).toBe('remote');
  });

  it('asks again in JSON mode when the server has no structured outputs', async () => {
    let requests = 0;
    const { endpoint, seen } = await stub((response) => {
      requests += 1;
      if (requests === 1) {
        json(400, { error: { message: "response_format 'json_schema' is not supported" } })(
          response,
        );
      } else completion(JSON.stringify(rubric))(response);
    });
    const score = await scoreRemotely(transcript, DEFAULT_SCORING_CONFIG, options(endpoint));
    expect(seen.map((request) => request.body.response_format.type)).toEqual([
      'json_schema',
      'json_object',
    ]);
    expect(score.scorer.kind).toBe('remote');
    // Any other 400 is not retried.
    const other = await stub(json(400, { error: { message: 'model not found' } }));
    const failed = await scoreRemotely(transcript, DEFAULT_SCORING_CONFIG, options(other.endpoint));
    expect(other.seen).toHaveLength(1);
    expect(failed.fallbackReason).toBe(
      'the remote scorer answered with an error (HTTP 400: model not found)',
    );
  });

  const failures: [string, Reply, Partial<RemoteScorerOptions>, RegExp][] = [
    [
      'a timeout',
      (response) => setTimeout(() => completion(JSON.stringify(rubric))(response), 2_000),
      { timeoutMs: 300 },
      /^the remote scorer did not answer within 0\.3 s$/,
    ],
    [
      'an answer that is not JSON',
      (response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>Bad gateway</html>');
      },
      {},
      /^the remote scorer’s answer is not JSON$/,
    ],
    [
      'a message that is not JSON',
      completion('Sure! The rep did great, I would say 80 out of 100.'),
      {},
      /^the model’s answer is not JSON$/,
    ],
    [
      'JSON of the wrong shape',
      completion(
        JSON.stringify({ ...rubric, dimensions: { objectionHandling: { score: 'high' } } }),
      ),
      {},
      /^the model’s answer does not fit the rubric \(dimensions\.objectionHandling\.score: /,
    ],
    [
      'a score out of range',
      completion(JSON.stringify({ ...rubric, overall: 140 })),
      {},
      /^the model’s answer does not fit the rubric \(overall: /,
    ],
    [
      'a refused key (401)',
      json(401, {
        error: {
          message: 'Incorrect API key provided: sk-test-key-42.',
          type: 'invalid_request_error',
        },
      }),
      {},
      /^the remote scorer refused the API key \(HTTP 401: Incorrect API key provided: …\.\)$/,
    ],
    [
      'a server error',
      json(503, 'upstream overloaded'),
      {},
      /^the remote scorer answered with an error \(HTTP 503: upstream overloaded\)$/,
    ],
  ];
  it.each(failures)(
    'falls back to the local rules on %s, and says why',
    async (_, reply, extra, reason) => {
      const { endpoint, seen } = await stub(reply);
      const score = await scoreRemotely(
        transcript,
        DEFAULT_SCORING_CONFIG,
        options(endpoint, extra),
      );
      expect(seen).toHaveLength(1);
      expect(seen[0]!.headers.authorization).toBe('Bearer sk-test-key-42');
      expect(score.fallbackReason).toMatch(reason);
      expect(score.fallbackReason).not.toContain('sk-test-key-42');
      expect(score).toEqual({
        ...local,
        dimensions: local.dimensions.map((d) => ({ ...d, source: 'local' })),
        fallbackReason: score.fallbackReason,
      });
    },
  );

  it('falls back when nothing listens at the endpoint', async () => {
    const { endpoint } = await stub(completion('{}'));
    servers.splice(0).forEach((server) => server.close());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const score = await scoreRemotely(transcript, DEFAULT_SCORING_CONFIG, options(endpoint));
    expect(score.scorer.kind).toBe('local');
    expect(score.fallbackReason).toMatch(
      /^the remote scorer could not be reached \(ECONNREFUSED\)$/,
    );
  });

  it('sends no email addresses, phone, card or account numbers to the model', async () => {
    const said =
      'Mail me at anna.schmidt@acme-gmbh.de or call +49 30 1234 5678, or 0049 (30) 123456. ' +
      'Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00. ' +
      'We meet on 2026-12-01 at 10:30, 40 seats at 12,000 euros, up 15.5% on Q3, room 101.';
    expect(redact(said)).toBe(
      'Mail me at [email] or call [number], or [number]. ' +
        'Card [number], IBAN [account number]. ' +
        'We meet on 2026-12-01 at 10:30, 40 seats at 12,000 euros, up 15.5% on Q3, room 101.',
    );
    const { endpoint, seen } = await stub(completion(JSON.stringify(rubric)));
    const withDetails = {
      ...transcript,
      segments: [{ ...transcript.segments[0]!, text: said }, ...transcript.segments.slice(1)],
    };
    await scoreRemotely(withDetails, DEFAULT_SCORING_CONFIG, options(endpoint));
    const user = seen[0]!.body.messages.find((m) => m.role === 'user')!.content;
    expect(user).not.toMatch(/anna\.schmidt|1234 5678|4111|DE89/);
    expect(user).toContain('Mail me at [email]');
  });

  it('sends the start and the end of a long call, saying what was left out', async () => {
    const { endpoint, seen } = await stub(completion(JSON.stringify(rubric)));
    const budget = 600;
    const score = await scoreRemotely(
      transcript,
      DEFAULT_SCORING_CONFIG,
      options(endpoint, { transcriptBudget: budget }),
    );
    const { text, omitted } = transcriptForPrompt(transcript, budget);
    expect(omitted).toMatch(
      /^\d+:\d\d–\d+:\d\d \(\d+ lines\) was left out to fit the model's budget$/,
    );
    expect(text.length).toBeLessThanOrEqual(budget + omitted!.length + 10);
    const user = seen[0]!.body.messages.find((m) => m.role === 'user')!.content;
    expect(user).toContain(transcript.segments[0]!.text);
    expect(user).toContain(transcript.segments.at(-1)!.text);
    expect(user).toContain(`The transcript is long: ${omitted}.`);
    expect(user).not.toContain(
      transcript.segments[Math.floor(transcript.segments.length / 2)]!.text,
    );
    const objections = score.dimensions.find((d) => d.id === 'objectionsHandled')!;
    expect(objections.explanation).toContain(`(Judged on part of the call: ${omitted}.)`);
    // A short call goes whole.
    expect(transcriptForPrompt(transcript).omitted).toBeNull();
  });
});

describe('the remote scorer in the core', () => {
  it('scores imports when the team turns it on, with this laptop’s key; a config change keeps its numbers without asking again', async () => {
    const { endpoint, seen } = await stub(completion(JSON.stringify(rubric)));
    const team = await scoringTeam({ secrets: new MemorySecretStore() });
    await team.core.call('scoring.update', {
      remote: { enabled: true, endpoint, model: 'judge-7b', timeoutMs: 5_000 },
      apiKey: 'sk-team-key',
    });
    const callId = team.logCall('sam');
    const detail = await team.core.call('transcripts.import', {
      callId,
      text: transcriptFixture('teams-call.vtt'),
    });
    expect(seen[0]!.headers.authorization).toBe('Bearer sk-team-key');
    expect(detail.score!.scorer).toEqual({ kind: 'remote', name: 'judge-7b', version: '1' });
    expect(detail.score!.dimensions.find((d) => d.id === 'nextSteps')).toMatchObject({
      score: 90,
      source: 'remote',
    });

    const config = structuredClone(DEFAULT_SCORING_CONFIG);
    config.weights.nextSteps = 10;
    expect(await team.core.call('scoring.update', { config: config as never })).toEqual({
      configVersion: 2,
      rescored: 1,
    });
    expect(seen).toHaveLength(1); // the model was not asked again
    const after = (await team.core.call('calls.get', { id: callId })).score!;
    expect(after.configVersion).toBe(2);
    expect(after.scorer.kind).toBe('remote');
    expect(after.dimensions.find((d) => d.id === 'nextSteps')).toMatchObject({
      score: 90,
      weight: 10,
      source: 'remote',
    });
    expect(after.dimensions.find((d) => d.id === 'discoveryQuality')).toMatchObject({ score: 64 });
    expect(after.overall).toBe(weightedMean(after.dimensions));
    expect(after.overall).toBeGreaterThan(detail.score!.overall!);
  });

  it('sends this laptop’s key only to the address it was entered for', async () => {
    const trusted = await stub(completion(JSON.stringify(rubric)));
    const elsewhere = await stub(completion(JSON.stringify(rubric)));
    const team = await scoringTeam({ secrets: new MemorySecretStore() });
    await team.core.call('scoring.update', {
      remote: { enabled: true, endpoint: trusted.endpoint, model: 'judge-7b', timeoutMs: 5_000 },
      apiKey: 'sk-team-key',
    });
    // The address changes afterwards (as a synced team setting would): the key stays home.
    await team.core.call('scoring.update', {
      remote: { enabled: true, endpoint: `${elsewhere.endpoint}/v2`, model: 'x', timeoutMs: 5_000 },
    });
    const callId = team.logCall('sam');
    const detail = await team.core.call('transcripts.import', {
      callId,
      text: transcriptFixture('teams-call.vtt'),
    });
    expect(elsewhere.seen).toHaveLength(0);
    expect(trusted.seen).toHaveLength(0);
    expect(detail.score!.scorer.kind).toBe('local');
    expect(detail.score!.fallbackReason).toMatch(/key was entered for http:\/\/127\.0\.0\.1:\d+/);
    // Entered again for the new address, it is used there.
    await team.core.call('scoring.update', { apiKey: 'sk-new-key' });
    await team.core.call('calls.rescore', { id: callId });
    expect(elsewhere.seen[0]!.headers.authorization).toBe('Bearer sk-new-key');
  });

  it('a failing remote scorer still scores the import, and the call says why', async () => {
    const { endpoint } = await stub(json(401, { error: { message: 'Invalid key' } }));
    const team = await scoringTeam();
    await team.core.call('scoring.update', {
      remote: { enabled: true, endpoint, model: 'judge-7b', timeoutMs: 5_000 },
    });
    const callId = team.logCall('sam');
    const detail = await team.core.call('transcripts.import', {
      callId,
      text: transcriptFixture('teams-call.vtt'),
    });
    expect(detail.score).toMatchObject({
      overall: local.overall,
      scorer: { kind: 'local' },
      fallbackReason: 'the remote scorer refused the API key (HTTP 401: Invalid key)',
    });
    expect((await team.core.call('calls.get', { id: callId })).score!.fallbackReason).toBe(
      'the remote scorer refused the API key (HTTP 401: Invalid key)',
    );
  });
});
