/** The scoring config: who changes it, how a bad one is refused, and how a new version rescores. */
import { describe, expect, it, vi } from 'vitest';
import {
  failure,
  scoringTeam,
  transcriptFixture,
  type Team,
} from '../../../tests/helpers/scoringTeam';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig } from '../../shared/scoring/config';
import { scoreLocally } from '../../shared/scoring/local';
import { MemorySecretStore } from '../secrets';
import { readScore } from './records';
import { SCORING_SETTING_IDS } from './settings';

const FILES = ['teams-call.vtt', 'call.srt', 'call-stamped.txt'];

async function scoredCalls(team: Team, files = FILES): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const callId = team.logCall('sam');
    await team.core.call('transcripts.import', { callId, text: transcriptFixture(file) });
    ids.push(callId);
  }
  return ids;
}

/** The default config with talk ratio counting for nothing. */
const withoutTalkRatio = (): ScoringConfig => {
  const config = structuredClone(DEFAULT_SCORING_CONFIG);
  config.weights.talkRatio = 0;
  return config;
};

const configVersions = (team: Team) =>
  (
    team.core.store.prepare('SELECT config_version AS v FROM call_scores ORDER BY id').all() as {
      v: number;
    }[]
  ).map((row) => row.v);

describe('scoring.settings', () => {
  it('gives the defaults, version 1, and a remote scorer that is off and has no key', async () => {
    const { core, signIn } = await scoringTeam();
    expect(await core.call('scoring.settings', {})).toEqual({
      config: DEFAULT_SCORING_CONFIG,
      configVersion: 1,
      problems: [],
      remote: {
        enabled: false,
        endpoint: 'https://api.openai.com/v1',
        model: 'gpt-4o-mini',
        timeoutMs: 20_000,
        hasKey: false,
      },
      canEdit: true,
    });
    signIn('sam');
    expect((await core.call('scoring.settings', {})).canEdit).toBe(false);
  });

  it('names what of a stored config (from another app version) it could not read', async () => {
    const { core } = await scoringTeam();
    const stored = {
      ...withoutTalkRatio(),
      version: 4,
      bands: { ...DEFAULT_SCORING_CONFIG.bands, talkRatio: 'wide' },
    };
    core.store.write((w) =>
      w.insert('team_settings', { id: SCORING_SETTING_IDS.config, value: JSON.stringify(stored) }),
    );
    const settings = await core.call('scoring.settings', {});
    expect(settings.configVersion).toBe(4);
    expect(settings.problems).toHaveLength(1);
    expect(settings.problems[0]).toMatch(/^bands\.talkRatio is not valid .*; using the default$/);
    expect((settings.config as unknown as ScoringConfig).weights.talkRatio).toBe(0);
  });
});

describe('scoring.update', () => {
  it('a new config becomes the next version and rescores every older score', async () => {
    const team = await scoringTeam();
    const { core } = team;
    const ids = await scoredCalls(team);
    expect(configVersions(team)).toEqual([1, 1, 1]);

    const result = await core.call('scoring.update', {
      config: withoutTalkRatio() as unknown as Record<string, unknown>,
    });
    expect(result).toEqual({ configVersion: 2, rescored: 3 });
    expect(configVersions(team)).toEqual([2, 2, 2]);
    const config = { ...withoutTalkRatio(), version: 2 };
    const overalls = new Set<number | null>();
    for (const id of ids) {
      const detail = await core.call('calls.get', { id });
      const expected = scoreLocally(detail.transcript!, config);
      expect(detail.score).toMatchObject({ overall: expected.overall, configVersion: 2 });
      expect(detail.score!.dimensions.find((d) => d.id === 'talkRatio')!.weight).toBe(0);
      overalls.add(detail.score!.overall);
    }
    // The three calls score differently: each was rescored from its own transcript.
    expect(overalls.size).toBe(3);
    expect((await core.call('scoring.settings', {})).configVersion).toBe(2);

    // New imports are scored with the new version.
    const [fresh] = await scoredCalls(team, ['zoom-call.vtt']);
    expect((await core.call('calls.get', { id: fresh! })).score!.configVersion).toBe(2);
  });

  it('the same config again is no new version and rescores nothing', async () => {
    const team = await scoringTeam();
    await scoredCalls(team, ['teams-call.vtt']);
    const settings = await team.core.call('scoring.settings', {});
    expect(await team.core.call('scoring.update', { config: settings.config })).toEqual({
      configVersion: 1,
      rescored: 0,
    });
    // The version a client sends is not its to choose.
    const bumped = { ...settings.config, version: 9 };
    expect(await team.core.call('scoring.update', { config: bumped })).toEqual({
      configVersion: 1,
      rescored: 0,
    });
  });

  it.each([
    [
      'a band whose values do not rise',
      (c: Record<string, unknown>) => {
        (c.bands as Record<string, unknown>).talkRatio = [
          [0.5, 100],
          [0.2, 0],
        ];
      },
      'config.bands.talkRatio',
      /the scoring config's bands\.talkRatio is not valid \(point values must rise\)$/,
    ],
    [
      'a weight above 100',
      (c: Record<string, unknown>) => {
        (c.weights as Record<string, unknown>).questions = 500;
      },
      'config.weights.questions',
      /weights\.questions is not valid/,
    ],
    [
      'a missing group',
      (c: Record<string, unknown>) => {
        delete c.rules;
      },
      'config.rules',
      /the scoring config's rules is missing$/,
    ],
    [
      'a setting this version does not know',
      (c: Record<string, unknown>) => {
        c.mood = 'cheerful';
      },
      'config.mood',
      /mood is not a known setting$/,
    ],
  ])('refuses %s, naming the field, and changes nothing', async (_, change, field, message) => {
    const team = await scoringTeam();
    await scoredCalls(team, ['teams-call.vtt']);
    const config = structuredClone(DEFAULT_SCORING_CONFIG) as unknown as Record<string, unknown>;
    change(config);
    const error = await failure(
      team.core.call('scoring.update', {
        config,
        remote: {
          enabled: true,
          endpoint: 'https://llm.example/v1',
          model: 'judge',
          timeoutMs: 5_000,
        },
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_input', field });
    expect(error.message).toMatch(message);
    const settings = await team.core.call('scoring.settings', {});
    expect(settings).toMatchObject({ configVersion: 1, remote: { enabled: false } });
    expect(configVersions(team)).toEqual([1]);
  });

  it('only managers and admins change the config or the remote scorer; anyone keeps a key on their laptop', async () => {
    for (const person of ['sam', 'sue'] as const) {
      const team = await scoringTeam();
      team.signIn(person);
      const config = await failure(
        team.core.call('scoring.update', { config: withoutTalkRatio() as never }),
      );
      expect(config).toMatchObject({
        code: 'unauthorized',
        message: 'only manager or admin users can change how calls are scored',
      });
      const remote = await failure(
        team.core.call('scoring.update', {
          remote: {
            enabled: true,
            endpoint: 'https://llm.example/v1',
            model: 'm',
            timeoutMs: 5_000,
          },
        }),
      );
      expect(remote.code).toBe('unauthorized');
      expect(await team.core.call('scoring.update', { apiKey: 'sk-own-laptop' })).toEqual({
        configVersion: 1,
        rescored: 0,
      });
      expect((await team.core.call('scoring.settings', {})).remote.hasKey).toBe(true);
    }
    const team = await scoringTeam();
    team.signIn('max');
    expect(
      await team.core.call('scoring.update', { config: withoutTalkRatio() as never }),
    ).toMatchObject({ configVersion: 2 });
  });

  it('keeps the remote scorer in the synced settings and the key only in the secret store', async () => {
    const secrets = new MemorySecretStore();
    const team = await scoringTeam({ secrets });
    await team.core.call('scoring.update', {
      remote: {
        enabled: true,
        endpoint: 'https://llm.example/v1/',
        model: 'judge-1',
        timeoutMs: 8_000,
      },
      apiKey: 'sk-secret-123',
    });
    expect(await secrets.get('remote-scorer-api-key')).toBe('sk-secret-123');
    const settings = await team.core.call('scoring.settings', {});
    expect(settings.remote).toEqual({
      enabled: true,
      endpoint: 'https://llm.example/v1',
      model: 'judge-1',
      timeoutMs: 8_000,
      hasKey: true,
    });
    const row = team.core.store
      .prepare('SELECT value FROM team_settings WHERE id = ?')
      .get(SCORING_SETTING_IDS.remote) as { value: string };
    expect(JSON.parse(row.value)).toEqual({
      enabled: true,
      endpoint: 'https://llm.example/v1',
      model: 'judge-1',
      timeoutMs: 8_000,
    });
    const everything = team.core.store
      .prepare("SELECT group_concat(changes, '') AS all_ops FROM sync_changes")
      .get() as { all_ops: string };
    expect(everything.all_ops).not.toContain('sk-secret-123');
    // An empty key, or null, forgets it.
    await team.core.call('scoring.update', { apiKey: '' });
    expect((await team.core.call('scoring.settings', {})).remote.hasKey).toBe(false);
  });

  it('rescores in slices: the core answers other calls while a big rescore runs', async () => {
    const team = await scoringTeam();
    const text = transcriptFixture('teams-call.vtt');
    for (let i = 0; i < 150; i++) {
      const callId = team.logCall('sam', Date.parse('2025-03-01T09:00:00Z') + i * 60_000);
      await team.core.call('transcripts.import', { callId, text });
    }
    let finished = false;
    const update = team.core
      .call('scoring.update', { config: withoutTalkRatio() as never })
      .then((result) => {
        finished = true;
        return result;
      });
    const settings = await team.core.call('scoring.settings', {});
    // The new version is saved at once and the other call was answered before the rescore ended.
    expect(settings.configVersion).toBe(2);
    expect(finished).toBe(false);
    const partial = configVersions(team);
    expect(partial.filter((v) => v === 2).length).toBeLessThan(150);
    expect(await update).toEqual({ configVersion: 2, rescored: 150 });
    expect(new Set(configVersions(team))).toEqual(new Set([2]));
  });

  it('a rescore cut short by quitting resumes when the app starts again', async () => {
    const team = await scoringTeam();
    const ids = await scoredCalls(team);
    // As if the app quit right after saving version 2: the job is noted, no score rescored yet.
    team.core.store.write((w) =>
      w.insert('team_settings', {
        id: SCORING_SETTING_IDS.config,
        value: JSON.stringify({ ...withoutTalkRatio(), version: 2 }),
      }),
    );
    team.core.store.setLocalSetting('scoring_rescore_pending', '1');
    team.core.close();

    const again = await scoringTeam({ dbPath: team.dbPath });
    await vi.waitFor(() => expect(configVersions(again)).toEqual([2, 2, 2]));
    expect(again.core.store.localSetting('scoring_rescore_pending')).toBeNull();
    for (const id of ids) {
      expect(readScore(again.core.context, id)!.score.dimensions[0]).toMatchObject({
        id: 'talkRatio',
        weight: 0,
      });
    }
  });
});
