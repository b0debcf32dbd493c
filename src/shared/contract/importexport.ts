import { z } from 'zod';
import { Id, NonBlank } from '../domain';
import { DealFilters, DealSort } from './pipeline';
import { type MethodSpec } from './spec';

// ---------------------------------------------------------------------------------------------
// CSV import: upload in chunks, map the columns, preview, then run (or dry-run)

export const ImportKind = z.enum(['deals', 'contacts', 'calls']);
export type ImportKind = z.infer<typeof ImportKind>;

/** The fields a CSV column can be mapped to, per kind. */
export const DEAL_IMPORT_FIELDS = [
  'title',
  'value',
  'currency',
  'stage',
  'status',
  'owner',
  'account',
  'accountDomain',
  'contactName',
  'contactEmail',
  'contactPhone',
  'expectedCloseAt',
  'source',
  'nextStep',
  'lostReason',
  'createdAt',
] as const;

export const CONTACT_IMPORT_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'email',
  'phone',
  'title',
  'account',
  'accountDomain',
  'city',
  'country',
  'timeZone',
  'preferredChannel',
  'consent',
  'owner',
  'createdAt',
] as const;

/** A call log exported from a dialer or phone system. */
export const CALL_IMPORT_FIELDS = [
  'startedAt',
  'startTime',
  'endedAt',
  'duration',
  'direction',
  'phone',
  'fromNumber',
  'toNumber',
  'rep',
  'disposition',
  'answered',
  'notes',
  'nextStep',
  'callId',
] as const;

export const ImportField = z.enum([
  ...new Set([...DEAL_IMPORT_FIELDS, ...CONTACT_IMPORT_FIELDS, ...CALL_IMPORT_FIELDS]),
] as [string, ...string[]]);
export type ImportField =
  | (typeof DEAL_IMPORT_FIELDS)[number]
  | (typeof CONTACT_IMPORT_FIELDS)[number]
  | (typeof CALL_IMPORT_FIELDS)[number];

/** Whose export a file is: decides the suggested mapping. */
export const ImportSource = z.enum([
  'pipedrive',
  'hubspot',
  'aircall',
  'ringcentral',
  'dialpad',
  'generic',
]);
export type ImportSource = z.infer<typeof ImportSource>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA zone name such as Europe/Berlin. */
export const ImportTimeZone = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine(isTimeZone, { error: 'not a time zone; give a name such as Europe/Berlin or UTC' });

/** CSV header → field (or null: ignore the column). */
export const ImportMapping = z.record(z.string(), ImportField.nullable());
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportFieldSpec = z.object({
  field: ImportField,
  label: z.string(),
  required: z.boolean(),
  /** What the values look like: "a date (2026-03-31 or 31/03/2026)", "an email address"… */
  hint: z.string(),
});

export const ImportPreview = z.object({
  importId: Id,
  kind: ImportKind,
  filename: z.string(),
  headers: z.array(z.string()),
  /** Data rows, not counting the header. */
  rows: z.number().int(),
  /** Whose export the headers look like; decides the suggested mapping. */
  source: ImportSource,
  mapping: ImportMapping,
  /**
   * The zone a time without an offset is read in, unless the run names another: the team's, or
   * UTC when the file says its times are UTC ("Date (UTC)").
   */
  timeZone: z.string(),
  fields: z.array(ImportFieldSpec),
  /** The first rows, as text, for the preview table. */
  sample: z.array(z.array(z.string())),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportRowError = z.object({
  /** Line number in the file, the header being line 1. */
  line: z.number().int(),
  field: ImportField.nullable(),
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportReport = z.object({
  importId: Id,
  kind: ImportKind,
  dryRun: z.boolean(),
  allOrNothing: z.boolean(),
  /** False when nothing was written: a dry run, or all-or-nothing with errors. */
  committed: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
  /** Rows that matched an existing record (contact by email, account by domain) and updated it. */
  updated: z.number().int(),
  failed: z.number().int(),
  /** Accounts and contacts created along the way for deal rows. */
  createdAccounts: z.number().int(),
  createdContacts: z.number().int(),
  /** Calls: how many were matched to a contact by phone number, and to an open deal of theirs. */
  matchedContacts: z.number().int(),
  matchedDeals: z.number().int(),
  /** Calls already in the workspace (same dialer call id, or same rep, number and start). */
  duplicates: z.number().int(),
  errors: z.array(ImportRowError),
  seconds: z.number(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportProgress = z.object({
  importId: Id,
  phase: z.enum(['checking', 'writing']),
  done: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** A person of the dialer's user column, and the team member their calls go to. */
export const ImportRep = z.object({
  /** As written in the file: "Rita Rep", "rita@northwind.example", "101 - Rita". */
  value: z.string(),
  calls: z.number().int(),
  /** The team member found by email or name; null when none is. */
  userId: Id.nullable(),
});
export type ImportRep = z.infer<typeof ImportRep>;

/**
 * Where the calls of a dialer user go, for the people the file names that the team does not know
 * by that name: a team member's id, or null to import their calls without a rep. A person left out
 * keeps the default: found by email or name, else their rows are reported and skipped.
 */
export const ImportRepChoices = z.record(z.string().max(200), Id.nullable());
export type ImportRepChoices = z.infer<typeof ImportRepChoices>;

/** Chunks stay well below the browser host's 1 MiB frame limit. */
export const MAX_IMPORT_CHUNK_CHARS = 512 * 1024;
/** A whole file: 50,000 rows of a wide export fit easily. */
export const MAX_IMPORT_FILE_CHARS = 64 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// CSV export

export const ExportResult = z.object({
  filename: z.string(),
  csv: z.string(),
  rows: z.number().int(),
});

export const importExportContract = {
  'import.start': {
    summary: 'Begin a CSV import of deals, contacts or calls; the file follows in chunks.',
    input: z.strictObject({ kind: ImportKind, filename: NonBlank(255) }),
    output: z.object({ importId: Id }),
  },
  'import.append': {
    summary: 'The next chunk of the file being imported, as text.',
    input: z.strictObject({
      importId: Id,
      text: z.string().max(MAX_IMPORT_CHUNK_CHARS, {
        error: `at most ${MAX_IMPORT_CHUNK_CHARS} characters per chunk`,
      }),
    }),
    output: z.object({ receivedChars: z.number().int() }),
  },
  'import.preview': {
    summary:
      'Read the uploaded file: headers, row count, the suggested mapping and the first rows.',
    input: z.strictObject({ importId: Id }),
    output: ImportPreview,
  },
  'import.run': {
    summary:
      'Check every row and write the good ones (or none, for a dry run or all-or-nothing with errors).',
    input: z.strictObject({
      importId: Id,
      mapping: ImportMapping,
      dryRun: z.boolean().default(false),
      allOrNothing: z.boolean().default(false),
      /** Times without an offset are read in this zone; the preview's when absent. */
      timeZone: ImportTimeZone.optional(),
      /** Calls: the team member each dialer user's calls go to (see `import.reps`). */
      reps: ImportRepChoices.optional(),
    }),
    output: ImportReport,
  },
  'import.reps': {
    summary:
      'Calls: the people a column names (the dialer user of each call), how many calls each made, and the team member each is found as.',
    input: z.strictObject({ importId: Id, column: z.string().max(500) }),
    output: z.object({ reps: z.array(ImportRep) }),
  },
  'import.cancel': {
    summary: 'Forget an uploaded file.',
    input: z.strictObject({ importId: Id }),
    output: z.object({ importId: Id }),
  },
  'export.deals': {
    summary: 'The deals of a view as CSV, in its sort order.',
    input: z.strictObject({ filters: DealFilters, sort: DealSort }),
    output: ExportResult,
  },
  'export.contacts': {
    summary: 'Contacts as CSV.',
    input: z.strictObject({
      query: z.string().trim().max(200).optional(),
      accountId: Id.optional(),
    }),
    output: ExportResult,
  },
} satisfies Record<string, MethodSpec>;
