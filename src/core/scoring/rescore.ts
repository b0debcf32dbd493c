/**
 * After the team's scoring config changes, every stored score computed with an older version is
 * computed again, a slice at a time (one transaction per slice, the event loop free in between),
 * so the app answers while thousands of calls are rescored. The device that changed the config
 * does it (a manager's or admin's, which may change every call's score); it notes the job in a
 * local setting, so a job cut short by quitting resumes at the next start.
 */
import type { CallScoreOutput } from '../../shared/contract/scoring';
import type { CoreContext } from '../context';
import { readScore, readTranscript, writeScore } from './records';
import { rescoreWithConfig } from './scoreCall';
import { teamScoringConfig } from './settings';

const PENDING_KEY = 'scoring_rescore_pending';
/** A slice ends after this many calls or this much time, whichever comes first. */
const SLICE_CALLS = 50;
const SLICE_MS = 40;

interface CallKey {
  id: string;
  repId: string | null;
  startedAt: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Rescorer {
  readonly #ctx: CoreContext;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(ctx: CoreContext) {
    this.#ctx = ctx;
  }

  /**
   * Rescores every score older than the current config; resolves with how many it rescored. Runs
   * after any job already going, so two quick config changes do not race.
   */
  run(): Promise<number> {
    this.#ctx.store.setLocalSetting(PENDING_KEY, '1');
    const job = this.#queue.then(() => this.#rescoreAll());
    this.#queue = job.catch(() => undefined);
    return job;
  }

  /** Picks up a job an earlier run of the app left unfinished. */
  resume(): void {
    if (this.#ctx.store.localSetting(PENDING_KEY) === null) return;
    this.run().catch((error: unknown) => {
      console.error('rescoring calls after a config change failed; it resumes next start:', error);
    });
  }

  async #rescoreAll(): Promise<number> {
    const { store } = this.#ctx;
    let after = '';
    let rescored = 0;
    for (;;) {
      await nextTurn();
      if (!store.db.open) return rescored;
      // The config is read per slice: a newer one that arrives meanwhile is used from then on.
      const { config } = teamScoringConfig(this.#ctx);
      const ids = store
        .prepare(
          `SELECT id FROM call_scores
            WHERE id > ? AND config_version < ? AND deleted_at IS NULL
            ORDER BY id LIMIT ?`,
        )
        .all(after, config.version, SLICE_CALLS) as { id: string }[];
      if (ids.length === 0) {
        store.setLocalSetting(PENDING_KEY, null);
        return rescored;
      }
      const started = performance.now();
      const scores: { call: CallKey; score: CallScoreOutput }[] = [];
      for (const { id } of ids) {
        after = id;
        const transcript = readTranscript(this.#ctx, id);
        const call = store
          .prepare('SELECT id, rep_id AS repId, started_at AS startedAt FROM calls WHERE id = ?')
          .get(id) as CallKey | undefined;
        // Without its transcript or call (not arrived by sync yet) a score stays as it is.
        if (!transcript || !call) continue;
        const previous = readScore(this.#ctx, id)?.score ?? null;
        scores.push({ call, score: rescoreWithConfig(transcript.transcript, config, previous) });
        if (performance.now() - started > SLICE_MS) break;
      }
      const now = this.#ctx.now();
      if (scores.length > 0) {
        store.write((w) => {
          for (const { call, score } of scores) writeScore(w, call, score, now);
        });
      }
      rescored += scores.length;
    }
  }
}
