/**
 * The team sync server's HTTP API (v1), declared once for the server and its client transport.
 * Documented for other programs in `docs/openapi.yaml`.
 */
import { z } from 'zod';

export const API_V1 = '/v1';

export const ServerRole = z.enum(['rep', 'manager', 'success', 'admin']);
export type ServerRole = z.infer<typeof ServerRole>;

const DeviceId = z.string().regex(/^[0-9a-f]{16}$/, { error: 'a device id is 16 hex digits' });
const Hlc = z
  .string()
  .regex(/^[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{16}$/, { error: 'not a clock timestamp' });
const Seq = z.number().int().min(1);
const OpValue = z.union([z.string(), z.number(), z.null()]);

/** One write of one table on one device: the unit devices publish (see `ChangeEntry`). */
export const WireEntry = z
  .strictObject({
    device: DeviceId,
    seq: Seq,
    lastSeq: Seq,
    hlc: Hlc,
    table: z.string().regex(/^[a-z_][a-z0-9_]*$/, { error: 'not a table name' }),
    changes: z.array(
      z.tuple([
        z.string().min(1).max(200),
        z.record(
          z.string().regex(/^[a-z_][a-z0-9_]*$/, { error: 'not a column name' }),
          z.union([OpValue, z.tuple([OpValue, Hlc.nullable()])]),
        ),
      ]),
    ),
    schemaV: z.number().int().min(1),
  })
  .refine((entry) => entry.lastSeq >= entry.seq, { error: 'lastSeq is before seq' });
export type WireEntry = z.infer<typeof WireEntry>;

/** Most field ops one push may carry; more gets 413 `too_many_ops`. */
export const MAX_OPS_PER_PUSH = 5_000;
/** Largest request body; more gets 413 `body_too_large`. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export const PushRequest = z.strictObject({
  device: DeviceId,
  entries: z.array(WireEntry).min(1, { error: 'push at least one entry' }),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** An entry the server did not accept: its author may not make that change. */
export const Refusal = z.object({
  seq: Seq,
  lastSeq: Seq,
  table: z.string(),
  rowIds: z.array(z.string()),
  reason: z.string(),
});
export type Refusal = z.infer<typeof Refusal>;

export const PushResponse = z.object({
  /** Entries stored now; duplicates were stored before (a retry adds nothing). */
  accepted: z.number().int(),
  duplicates: z.number().int(),
  refused: z.array(Refusal),
  /** The device's last seq the server holds, and the newest server cursor. */
  publishedSeq: z.number().int(),
  serverSeq: z.number().int(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/**
 * Pulled entries in server order. A refused entry comes with no changes, so that every device's
 * seqs stay contiguous for the others.
 */
export const PullResponse = z.object({
  entries: z.array(z.object({ serverSeq: z.number().int(), entry: WireEntry })),
  /** The cursor to ask after next time. */
  next: z.number().int(),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const PublishedResponse = z.object({
  publishedSeq: z.number().int(),
  publishedHlc: Hlc.nullable(),
});

export const Presence = z.strictObject({
  id: DeviceId,
  name: z.string().max(200),
  userName: z.string().nullable(),
  userEmail: z.string().nullable(),
  lastSeen: z.number().int(),
  publishedSeq: z.number().int(),
  publishedHlc: Hlc.nullable().optional(),
  applied: z.record(DeviceId, z.number().int()),
  schemaVersion: z.number().int(),
  appVersion: z.string().max(50),
  /**
   * The app's last heartbeat on the device, if it is open: what the person is doing (`online`,
   * `idle`, or `on-call` since a time), who they are (the app's user id) and when it beat (the
   * device's clock). Absent for a device that syncs without the app (`cockpit sync`).
   */
  state: z.enum(['online', 'idle', 'on-call']).optional(),
  onCallSince: z.number().int().nullable().optional(),
  callId: z.string().max(100).nullable().optional(),
  userId: z.string().max(100).nullable().optional(),
  beatAt: z.number().int().optional(),
});
export type Presence = z.infer<typeof Presence>;

export const ServerUser = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: ServerRole,
});
export type ServerUser = z.infer<typeof ServerUser>;

/** Every error: a code a program can act on, and a sentence for a person. */
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Server-Sent Events on `GET /v1/stream`: `ops` when new entries are stored, `presence`. */
export const StreamOps = z.object({ serverSeq: z.number().int() });
