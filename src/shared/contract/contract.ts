/**
 * The API contract, declared once: each method's input and output schema and each event's
 * payload. The core validates every call against it at the boundary; Electron main, preload, the
 * browser host and the renderer all derive their types from it.
 */
import { z } from 'zod';
import {
  AccountSummary,
  CurrencyCode,
  DealDetail,
  Deal,
  DealStatus,
  Email,
  Id,
  MinorUnits,
  NonBlank,
  OptionalText,
  Phase,
  Stage,
  TeamSettings,
  Timestamp,
  User,
} from '../domain';
import type { EventName, MethodName } from './names';

export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
  /** One line for humans: shown in errors and generated docs. */
  summary: string;
}

const NoInput = z.strictObject({});

// ---------------------------------------------------------------------------------------------
// app and team

export const AppInfo = z.object({
  appName: z.string(),
  version: z.string(),
  deviceId: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  team: TeamSettings.nullable(),
  currentUser: User.nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const TeamSetupInput = z.strictObject({
  teamName: NonBlank(120),
  userName: NonBlank(120),
  email: Email,
  currency: CurrencyCode,
});

// ---------------------------------------------------------------------------------------------
// accounts

export const AccountListInput = z.strictObject({
  query: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(20),
});

export const AccountCreateInput = z.strictObject({
  name: NonBlank(200),
  domain: OptionalText(200).optional(),
  industry: OptionalText(100).optional(),
});

// ---------------------------------------------------------------------------------------------
// deals

export const DEAL_SORT_FIELDS = [
  'title',
  'account',
  'stage',
  'owner',
  'value',
  'expectedCloseAt',
  'lastActivityAt',
  'createdAt',
  'updatedAt',
] as const;

export const DealListInput = z.strictObject({
  query: z.string().trim().max(200).optional(),
  stageId: Id.optional(),
  /** `null` lists unassigned deals. */
  ownerId: Id.nullable().optional(),
  status: DealStatus.optional(),
  sort: z
    .strictObject({ field: z.enum(DEAL_SORT_FIELDS), direction: z.enum(['asc', 'desc']) })
    .default({ field: 'lastActivityAt', direction: 'desc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type DealListInput = z.input<typeof DealListInput>;

export const DealPage = z.object({ items: z.array(Deal), total: z.number().int() });
export type DealPage = z.infer<typeof DealPage>;

const dealFields = {
  title: NonBlank(200),
  accountId: Id.nullable(),
  contactId: Id.nullable(),
  stageId: Id,
  ownerId: Id.nullable(),
  valueMinor: MinorUnits.min(0, { error: 'must not be negative' }),
  currency: CurrencyCode,
  expectedCloseAt: Timestamp.nullable(),
  nextStep: OptionalText(500),
  followUpAt: Timestamp.nullable(),
  source: OptionalText(100),
  closeReason: OptionalText(500),
};

export const DealCreateInput = z.strictObject({
  ...dealFields,
  accountId: dealFields.accountId.optional(),
  contactId: dealFields.contactId.optional(),
  /** Defaults to the first open stage of the pipeline. */
  stageId: dealFields.stageId.optional(),
  /** Defaults to the current user. */
  ownerId: dealFields.ownerId.optional(),
  valueMinor: dealFields.valueMinor.default(0),
  /** Defaults to the team's currency. */
  currency: dealFields.currency.optional(),
  expectedCloseAt: dealFields.expectedCloseAt.optional(),
  nextStep: dealFields.nextStep.optional(),
  followUpAt: dealFields.followUpAt.optional(),
  source: dealFields.source.optional(),
  closeReason: dealFields.closeReason.optional(),
});
export type DealCreateInput = z.input<typeof DealCreateInput>;

export const DealPatch = z
  .strictObject(dealFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'name at least one field to change' });
export type DealPatch = z.input<typeof DealPatch>;

export const DealUpdateInput = z.strictObject({ id: Id, patch: DealPatch });
export type DealUpdateInput = z.input<typeof DealUpdateInput>;

// ---------------------------------------------------------------------------------------------

export const contract = {
  'app.info': {
    summary: 'What this app instance is: version, device, database, team and current user.',
    input: NoInput,
    output: AppInfo,
  },
  'team.setup': {
    summary: 'First run: name the team and create its first user (an admin), who becomes you.',
    input: TeamSetupInput,
    output: AppInfo,
  },
  'users.list': {
    summary: 'Everyone on the team, active first.',
    input: NoInput,
    output: z.array(User),
  },
  'stages.list': {
    summary: 'The lifecycle phases and the pipeline stages, in board order.',
    input: NoInput,
    output: z.object({ phases: z.array(Phase), stages: z.array(Stage) }),
  },
  'accounts.list': {
    summary: 'Accounts whose name or domain starts with the query, for pickers.',
    input: AccountListInput,
    output: z.array(AccountSummary),
  },
  'accounts.create': {
    summary: 'Create an account (a company).',
    input: AccountCreateInput,
    output: AccountSummary,
  },
  'deals.list': {
    summary: 'One page of deals, filtered and sorted in SQL, with the total count.',
    input: DealListInput,
    output: DealPage,
  },
  'deals.get': {
    summary: 'One deal with its stage history.',
    input: z.strictObject({ id: Id }),
    output: DealDetail,
  },
  'deals.create': {
    summary: 'Create a deal; missing stage, owner and currency take the defaults.',
    input: DealCreateInput,
    output: Deal,
  },
  'deals.update': {
    summary: 'Change some fields of a deal; a new stage is recorded in its stage history.',
    input: DealUpdateInput,
    output: Deal,
  },
} satisfies Record<MethodName, MethodSpec>;

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
