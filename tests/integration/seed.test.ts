import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/core/store/store';
import { contentHash } from '../../src/core/store/contentHash';
import { runCockpit } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';

const ANCHOR = String(Date.UTC(2026, 10, 2, 9, 0));

describe('cockpit seed', () => {
  it('writes demo data through the write path; the same seed gives the same data', async () => {
    const dir = tempDir();
    const paths = ['a.db', 'b.db', 'c.db'].map((name) => join(dir, name));
    const runs = await Promise.all([
      runCockpit(['seed', '--db', paths[0]!, '--deals', '400', '--seed', '7', '--anchor', ANCHOR]),
      runCockpit(['seed', '--db', paths[1]!, '--deals', '400', '--seed', '7', '--anchor', ANCHOR]),
      runCockpit(['seed', '--db', paths[2]!, '--deals', '400', '--seed', '8', '--anchor', ANCHOR]),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(
        /^Seeded 400 deals, 100 accounts, [\d,]+ contacts, [\d,]+ stage moves, 100 calls/,
      );
    }
    const [a, b, c] = paths.map((path) => Store.open({ path }));
    expect(contentHash(a!)).toBe(contentHash(b!));
    expect(contentHash(a!)).not.toBe(contentHash(c!));

    const count = (sql: string) => (a!.db.prepare(sql).get() as { n: number }).n;
    // Every row of every seeded table arrived with its ops.
    for (const table of ['accounts', 'contacts', 'deals', 'stage_history', 'calls', 'notes']) {
      expect(
        count(`SELECT count(DISTINCT row_id) AS n FROM sync_ops WHERE tbl = '${table}'`),
        table,
      ).toBe(count(`SELECT count(*) AS n FROM ${table}`));
    }
    // Deals spread across the lifecycle, each with a stage history that ends where it stands.
    expect(count(`SELECT count(DISTINCT stage_id) AS n FROM deals`)).toBeGreaterThanOrEqual(10);
    expect(
      count(`SELECT count(*) AS n FROM deals d WHERE d.stage_id <> (
               SELECT to_stage_id FROM stage_history h WHERE h.deal_id = d.id ORDER BY moved_at DESC, id DESC LIMIT 1)`),
    ).toBe(0);
    // Calls fall within the last 90 days before the anchor.
    expect(
      count(
        `SELECT count(*) AS n FROM calls WHERE started_at < ${ANCHOR} - 90 * 86400000 OR ended_at > ${ANCHOR}`,
      ),
    ).toBe(0);
    // The most recently won deals have their handovers, a few of them along the flow; the one
    // accepted moved its deal on to Onboarding.
    expect(
      a!.db
        .prepare(`SELECT status, count(*) AS n FROM handovers GROUP BY status ORDER BY status`)
        .all(),
    ).toEqual([
      { status: 'accepted', n: 1 },
      { status: 'changes_requested', n: 1 },
      { status: 'draft', n: 8 },
      { status: 'in_review', n: 1 },
      { status: 'submitted', n: 1 },
    ]);
    expect(
      count(`SELECT count(*) AS n FROM handovers h JOIN deals d ON d.id = h.deal_id
              WHERE h.status = 'accepted' AND d.stage_id = (SELECT id FROM stages WHERE name = 'Onboarding')`),
    ).toBe(1);
    [a, b, c].forEach((store) => store!.close());
  });

  it('names the option that is wrong', async () => {
    const run = await runCockpit(['seed', '--db', join(tempDir(), 'x.db'), '--deals', 'lots']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      "option '--deals <n>' argument 'lots' is invalid. expected a whole number.",
    );
  });
});
