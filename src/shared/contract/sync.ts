import { z } from 'zod';
import { type MethodSpec } from './spec';

const Folder = z
  .string()
  .trim()
  .min(1, { error: 'choose a folder' })
  .max(4_096, { error: 'at most 4,096 characters' });

/** A file or a device that sync skipped this time, and why; it is tried again at the next sync. */
export const SyncProblem = z.object({
  kind: z.enum(['partial', 'corrupt', 'conflict-copy', 'gap', 'duplicate', 'unreadable']),
  path: z.string(),
  device: z.string().optional(),
  message: z.string(),
});
export type SyncProblem = z.infer<typeof SyncProblem>;

/** Another device of the workspace, as this one sees it. */
export const SyncPeer = z.object({
  id: z.string(),
  name: z.string().nullable(),
  userName: z.string().nullable(),
  userEmail: z.string().nullable(),
  lastSeen: z.number().nullable(),
  /** Its ops it has published, and how many of them this device has applied. */
  publishedSeq: z.number().int(),
  appliedSeq: z.number().int(),
  /** Ops it has published that are not applied here yet. */
  behind: z.number().int(),
  /** Its clock was seen this far ahead of ours (ms); null when it was not. */
  aheadMs: z.number().nullable(),
});
export type SyncPeer = z.infer<typeof SyncPeer>;

export const SyncStatus = z.object({
  /** off: no workspace; idle: in sync as of lastSyncAt; halted: needs a person (message says). */
  state: z.enum(['off', 'idle', 'syncing', 'halted', 'error']),
  workspace: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('folder'), path: z.string(), name: z.string().nullable() }),
      z.object({
        kind: z.literal('server'),
        path: z.string(),
        name: z.string().nullable(),
        /** Whom the access token belongs to on the server, and their role there. */
        user: z
          .object({
            name: z.string(),
            email: z.string(),
            role: z.enum(['rep', 'manager', 'success', 'admin']),
          })
          .optional(),
      }),
    ])
    .nullable(),
  deviceId: z.string(),
  message: z.string().nullable(),
  lastSyncAt: z.number().nullable(),
  /** This device's ops that the workspace does not have yet. */
  pendingOps: z.number().int(),
  devices: z.array(SyncPeer),
  /** Files skipped at the last sync (partial, corrupt, conflict copies, gaps): retried each time. */
  problems: z.array(SyncProblem),
  /** Concurrent edits waiting for a person to look. */
  openConflicts: z.number().int(),
  /** This device's changes the server refused (its role may not make them), kept here. */
  refused: z.array(
    z.object({
      seq: z.number().int(),
      lastSeq: z.number().int(),
      table: z.string(),
      rowIds: z.array(z.string()),
      reason: z.string(),
      at: z.number(),
    }),
  ),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

const Side = z.object({
  value: z.union([z.string(), z.number(), z.null()]),
  /** Who made it: the device's user (or name), and when (ms). */
  by: z.string(),
  at: z.number(),
});

/** Two people edited one field without seeing each other's edit: the kept and the lost value. */
export const SyncConflict = z.object({
  id: z.number().int(),
  table: z.string(),
  rowId: z.string(),
  column: z.string(),
  /** What the record and the field are, in words: "Deal “Fleet rollout”", "Next step". */
  record: z.string(),
  field: z.string(),
  /** Where the record is in the app, e.g. `/deals/<id>`, if it has a page. */
  href: z.string().nullable(),
  kept: Side,
  lost: Side,
  detectedAt: z.number(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

export const syncContract = {
  'sync.status': {
    summary: 'Where sync stands: the workspace, the last sync, pending ops, devices, problems.',
    input: z.strictObject({}),
    output: SyncStatus,
  },
  'sync.createWorkspace': {
    summary: 'Make a folder a new shared workspace and sync this device through it.',
    input: z.strictObject({
      folder: Folder,
      name: z.string().trim().min(1, { error: 'give the workspace a name' }).max(80),
    }),
    output: SyncStatus,
  },
  'sync.joinWorkspace': {
    summary: 'Sync this device through the workspace in a folder.',
    input: z.strictObject({ folder: Folder }),
    output: SyncStatus,
  },
  'sync.connectServer': {
    summary: 'Sync this device through a team sync server, with the access token it was given.',
    input: z.strictObject({
      url: z.url({ error: 'the server’s address, e.g. https://sync.example.com' }),
      token: z.string().trim().min(1, { error: 'paste the access token' }).max(200),
    }),
    output: SyncStatus,
  },
  'sync.dismissRefused': {
    summary: 'Hide the notice of a refused change (the value stays on this device).',
    input: z.strictObject({ seq: z.number().int() }),
    output: SyncStatus,
  },
  'sync.leave': {
    summary: 'Stop syncing this device (nothing is deleted here or in the folder).',
    input: z.strictObject({}),
    output: SyncStatus,
  },
  'sync.now': {
    summary: 'Sync now: publish this device’s ops, apply what arrived.',
    input: z.strictObject({}),
    output: SyncStatus,
  },
  'sync.conflicts': {
    summary: 'Open conflicts: both values of each concurrently edited field, who and when.',
    input: z.strictObject({}),
    output: z.array(SyncConflict),
  },
  'sync.resolveConflict': {
    summary: 'Settle a conflict: keep the kept value or take the lost one; written as a new edit.',
    input: z.strictObject({ id: z.number().int(), keep: z.enum(['kept', 'lost']) }),
    output: z.object({ id: z.number().int() }),
  },
} satisfies Record<string, MethodSpec>;
