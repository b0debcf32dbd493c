/**
 * One import run: check every row, then write the good ones in one transaction (or nothing, for a
 * dry run or an all-or-nothing run with errors), reporting progress as `import.progress` events.
 * Checking yields to the event loop between slices, so the app keeps answering meanwhile.
 */
import {
  ApiError,
  type ImportKind,
  type ImportMapping,
  type ImportRepChoices,
  type ImportReport,
  type ParsedInput,
} from '../../shared/contract';
import { currentUserId, type CoreContext } from '../context';
import { listStages } from '../pipeline/stages';
import type { Writer } from '../store/writePath';
import { getTeam } from '../team/team';
import { saysUtc } from './callHeaders';
import { callWriteUnits, planCalls, plannedCallRows } from './callWrite';
import type { Uploads } from './uploads';
import {
  RowChecker,
  resolveMapping,
  type CallRecord,
  type CheckContext,
  type ContactRecord,
  type DealRecord,
  type TeamMember,
} from './validate';
import {
  planContacts,
  planDeals,
  plannedRows,
  storeReads,
  writeUnits,
  type PlanContext,
  type Reads,
  type WriteUnit,
} from './write';

/** Rows checked between two progress events. */
const CHECK_SLICE = 5_000;
/** Rows written between two progress events; their row objects are built just before. */
const WRITE_UNIT = 1_000;

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function teamMembers(ctx: CoreContext): TeamMember[] {
  return ctx.store
    .prepare('SELECT id, name, email FROM users WHERE deleted_at IS NULL ORDER BY name, id')
    .all() as TeamMember[];
}

export function checkContext(
  ctx: CoreContext,
  kind: CheckContext['kind'],
  options: { timeZone?: string; reps?: ImportRepChoices } = {},
): CheckContext {
  const team = getTeam(ctx);
  return {
    kind,
    teamCurrency: team?.defaultCurrency ?? 'EUR',
    teamZone: options.timeZone ?? team?.timeZone ?? null,
    now: ctx.now(),
    stages: listStages(ctx.store),
    users: teamMembers(ctx),
    reps: options.reps ?? {},
  };
}

/**
 * The zone a file's times without an offset are read in, unless the person chooses another: UTC
 * when the start column says so ("Date (UTC)"), else the team's.
 */
export function suggestedZone(
  ctx: CoreContext,
  headers: readonly string[],
  mapping: ImportMapping,
): string {
  const start = headers.find((header) => mapping[header] === 'startedAt');
  if (start && saysUtc(start)) return 'UTC';
  return getTeam(ctx)?.timeZone ?? 'UTC';
}

/** What a plan of any kind comes to: its counts, and the slices that write it. */
interface Outcome {
  created: number;
  updated: number;
  createdAccounts: number;
  createdContacts: number;
  matchedContacts: number;
  matchedDeals: number;
  duplicates: number;
  rows: number;
  units(size: number): WriteUnit[];
}

function planOutcome(
  kind: ImportKind,
  records: unknown[],
  reads: Reads,
  context: PlanContext,
): Outcome {
  if (kind === 'calls') {
    const plan = planCalls(records as CallRecord[], reads, context);
    return {
      created: plan.calls.length,
      updated: 0,
      createdAccounts: 0,
      createdContacts: 0,
      matchedContacts: plan.matchedContacts,
      matchedDeals: plan.matchedDeals,
      duplicates: plan.duplicates,
      rows: plannedCallRows(plan),
      units: (size) => callWriteUnits(plan, size),
    };
  }
  const plan =
    kind === 'deals'
      ? planDeals(records as DealRecord[], reads, context)
      : planContacts(records as ContactRecord[], reads, context);
  return {
    created: plan.created,
    updated: plan.updated,
    createdAccounts: plan.accounts.length,
    createdContacts: kind === 'deals' ? plan.contacts.length : 0,
    matchedContacts: 0,
    matchedDeals: 0,
    duplicates: 0,
    rows: plannedRows(plan),
    units: (size) => writeUnits(plan, size),
  };
}

export async function runImport(
  ctx: CoreContext,
  uploads: Uploads,
  input: ParsedInput<'import.run'>,
): Promise<ImportReport> {
  const started = performance.now();
  const upload = uploads.get(input.importId, 'import.run');
  if (upload.running) {
    throw new ApiError(
      'conflict',
      'import.run: importId: this file is being imported already',
      'importId',
    );
  }
  upload.running = true;
  try {
    const csv = uploads.parsed(upload);
    const columns = resolveMapping(upload.kind, csv.headers, input.mapping);
    const context = checkContext(ctx, upload.kind, {
      timeZone:
        input.timeZone ??
        (upload.kind === 'calls' ? suggestedZone(ctx, csv.headers, input.mapping) : undefined),
      reps: input.reps,
    });
    const total = csv.rows.length;
    const progress = (phase: 'checking' | 'writing', done: number, of: number) =>
      ctx.events.emit('import.progress', { importId: upload.id, phase, done, total: of });

    const checker = new RowChecker(context, csv, columns);
    progress('checking', 0, total);
    for (let from = 0; from < total; from += CHECK_SLICE) {
      const to = Math.min(total, from + CHECK_SLICE);
      for (let i = from; i < to; i++) checker.check(i);
      progress('checking', to, total);
      if (to < total) await nextTick();
    }
    const { records, errors, failed } = checker.result;

    const planContext: PlanContext = {
      teamCurrency: context.teamCurrency,
      now: context.now,
      me: currentUserId(ctx),
    };
    const plan = (reads: Reads): Outcome => planOutcome(upload.kind, records, reads, planContext);

    const blocked = input.allOrNothing && failed > 0;
    let outcome: Outcome | null = null;
    if (input.dryRun) {
      if (!blocked) outcome = plan(storeReads(ctx.store));
    } else if (!blocked) {
      // Calls go into a table that is large already; the bulk path suits moving in from a CRM.
      const bulk = upload.kind !== 'calls';
      outcome = write(ctx, plan, bulk ? records.length : 0, (done, of) =>
        progress('writing', done, of),
      );
      uploads.forget(upload.id);
    }
    return {
      importId: upload.id,
      kind: upload.kind,
      dryRun: input.dryRun,
      allOrNothing: input.allOrNothing,
      committed: !input.dryRun && !blocked,
      total,
      created: outcome?.created ?? 0,
      updated: outcome?.updated ?? 0,
      failed,
      createdAccounts: outcome?.createdAccounts ?? 0,
      createdContacts: outcome?.createdContacts ?? 0,
      matchedContacts: outcome?.matchedContacts ?? 0,
      matchedDeals: outcome?.matchedDeals ?? 0,
      duplicates: outcome?.duplicates ?? 0,
      errors,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
  } finally {
    upload.running = false;
  }
}

/** Rows from which an import into a smaller workspace rebuilds the indexes once at the end. */
const BULK_ROWS = 5_000;

/** Deals, contacts and accounts already in the workspace: what rebuilding indexes would cost. */
function existingRows(ctx: CoreContext): number {
  return (
    ctx.store
      .prepare(
        `SELECT (SELECT count(*) FROM deals) + (SELECT count(*) FROM contacts)
              + (SELECT count(*) FROM accounts) AS n`,
      )
      .get() as { n: number }
  ).n;
}

function writePlan(w: Writer, planned: Outcome, progress: (done: number, total: number) => void) {
  const total = planned.rows;
  let done = 0;
  progress(done, total);
  for (const unit of planned.units(WRITE_UNIT)) {
    unit.write(w);
    done += unit.rows;
    progress(done, total);
  }
}

/**
 * Writes the plan in one transaction, so a failure leaves nothing half imported. It does not
 * yield meanwhile: no other write interleaves, and progress events still reach the window, since
 * both transports send them the moment they are emitted.
 *
 * Usually it plans inside that transaction, so what the plan found (an account, a contact by
 * email) is still there when it writes. A large import into a smaller workspace (moving from
 * another CRM) is written without the secondary indexes, which are built once at the end; it
 * plans just before, on the indexes, and nothing can write in between.
 */
function write(
  ctx: CoreContext,
  plan: (reads: Reads) => Outcome,
  rows: number,
  progress: (done: number, total: number) => void,
): Outcome {
  if (rows >= BULK_ROWS && rows >= existingRows(ctx)) {
    const planned = plan(storeReads(ctx.store));
    ctx.store.bulkLoad(() => ctx.store.write((w) => writePlan(w, planned, progress)));
    return planned;
  }
  return ctx.store.write((w) => {
    const planned = plan({
      get: (sql, ...params) => w.get(sql, ...params),
      all: (sql, ...params) => w.all(sql, ...params),
    });
    writePlan(w, planned, progress);
    return planned;
  });
}
