/**
 * The API contract, declared once: each method's input and output schema and each event's
 * payload. The core validates every call against it at the boundary; Electron main, preload, the
 * browser host and the renderer all derive their types from it. Each domain declares its methods
 * in its own file; this one puts them together.
 */
import { z } from 'zod';
import { callsContract, followUpsContract } from './calls';
import { campaignsContract } from './campaigns';
import { dashboardContract } from './dashboard';
import { handoverContract } from './handover';
import { ImportProgress, importExportContract } from './importexport';
import type { EventName, MethodName } from './names';
import { lifecycleContract } from './lifecycle';
import { peopleContract } from './people';
import { presenceContract } from './presence';
import { pipelineContract } from './pipeline';
import { scoringContract } from './scoring';
import { searchContract } from './search';
import { settingsContract } from './settings';
import type { MethodSpec } from './spec';
import { SyncStatus, syncContract } from './sync';
import { teamContract } from './team';
import { viewsContract } from './views';

export const contract = {
  ...teamContract,
  ...pipelineContract,
  ...peopleContract,
  ...campaignsContract,
  ...searchContract,
  ...viewsContract,
  ...importExportContract,
  ...syncContract,
  ...callsContract,
  ...followUpsContract,
  ...dashboardContract,
  ...lifecycleContract,
  ...settingsContract,
  ...presenceContract,
  ...scoringContract,
  ...handoverContract,
} satisfies Record<MethodName, MethodSpec>;

// Every name in names.ts has a method here, and every method here has its name there.
type Missing = Exclude<MethodName, keyof typeof contract>;
type Unlisted = Exclude<keyof typeof contract, MethodName>;
const _everyNameHasAMethod: [Missing, Unlisted] extends [never, never] ? true : never = true;
void _everyNameHasAMethod;

export type Contract = typeof contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** The input after defaults are applied: what a handler receives. */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

// ---------------------------------------------------------------------------------------------
// events

export const DataChanged = z.object({
  /** Tables whose rows changed in one committed transaction. */
  tables: z.array(z.string()),
  /** `local`: written on this device; `remote`: arrived by sync. */
  origin: z.enum(['local', 'remote']),
});
export type DataChanged = z.infer<typeof DataChanged>;

export const events = {
  'data.changed': DataChanged,
  'import.progress': ImportProgress,
  /** Sync's status changed: a sync ran, a device appeared, a problem came or went. */
  'sync.status': SyncStatus,
} satisfies Record<EventName, z.ZodType>;

export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

// ---------------------------------------------------------------------------------------------
// the typed client that the renderer calls: api.deals.create({ ... })

type Namespace<M extends string> = M extends `${infer NS}.${string}` ? NS : never;
type ClientMethod<M extends MethodName> =
  Record<string, never> extends MethodInput<M>
    ? (input?: MethodInput<M>) => Promise<MethodOutput<M>>
    : (input: MethodInput<M>) => Promise<MethodOutput<M>>;

export type ApiClient = {
  [NS in Namespace<MethodName>]: {
    [M in MethodName as M extends `${NS}.${infer FN}` ? FN : never]: ClientMethod<M>;
  };
};
