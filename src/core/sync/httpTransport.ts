import {
  API_V1,
  ErrorBody,
  MAX_BODY_BYTES,
  MAX_OPS_PER_PUSH,
  PublishedResponse,
  PushResponse,
  ServerUser,
  type Presence,
  type PullResponse,
} from '../../shared/serverApi';
import { z } from 'zod';
import {
  SyncHaltedError,
  toDevicePresence,
  type ChangeEntry,
  type DeviceInfo,
  type PullResult,
  type PushRefusal,
  type SeqVector,
  type Snapshot,
  type SyncTransport,
} from './types';

export interface HttpTransportOptions {
  /** Longest wait between reconnects of the live stream. */
  maxBackoffMs?: number;
  fetch?: typeof fetch;
}

/**
 * The team sync server behind `SyncTransport`: push and pull over its HTTP API v1, and its live
 * stream (Server-Sent Events) for "something arrived". The server orders entries itself, so pulls
 * follow its cursor (kept by the engine with what it covers).
 */
export class HttpTransport implements SyncTransport {
  readonly description: string;
  private readonly base: string;
  private readonly streams = new Set<AbortController>();
  private readonly fetch: typeof fetch;
  private readonly maxBackoffMs: number;

  constructor(
    url: string,
    private readonly token: string,
    options: HttpTransportOptions = {},
  ) {
    this.base = url.replace(/\/+$/, '');
    this.description = `server ${this.base}`;
    this.fetch = options.fetch ?? fetch;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
  }

  private async call<T>(
    schema: z.ZodType<T>,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    let response: Response;
    try {
      response = await this.fetch(`${this.base}${API_V1}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new Error(
        `the sync server ${this.base} cannot be reached (${(error as Error).message})`,
        { cause: error },
      );
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(json);
      const message = parsed.success ? parsed.data.error.message : `HTTP ${response.status}`;
      if (response.status === 401) {
        throw new SyncHaltedError(
          `The sync server refused this device’s access token (${message}). Ask your admin for a new one and connect again; nothing was lost.`,
        );
      }
      throw new Error(`the sync server answered ${response.status}: ${message}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new Error(`the sync server sent an answer this app does not understand (${path})`);
    return parsed.data;
  }

  /** Checks that the server answers and takes the token. */
  async open(): Promise<void> {
    await this.me();
  }

  /** Whom the token belongs to on the server. */
  async me(): Promise<ServerUser> {
    return (await this.call(MeResponse, 'GET', '/me')).user;
  }

  async publishedSeq(device: string): Promise<number> {
    return (await this.call(PublishedResponse, 'GET', `/devices/${device}/published`)).publishedSeq;
  }

  async push(entries: ChangeEntry[]): Promise<{ refused: PushRefusal[] }> {
    const refused: PushRefusal[] = [];
    for (const batch of batches(entries)) {
      const result = await this.call(PushResponse, 'POST', '/ops', {
        device: batch[0]!.device,
        entries: batch,
      });
      refused.push(...result.refused);
    }
    return { refused };
  }

  async pull(
    self: string,
    _applied: SeqVector,
    limit: number,
    cursor?: string | null,
  ): Promise<PullResult> {
    const after = Number(cursor ?? 0) || 0;
    const page = await this.call(
      PullPage,
      'GET',
      `/ops?after=${after}&limit=${Math.max(1, Math.min(limit, 5_000))}`,
    );
    return {
      entries: page.entries.map((e) => e.entry).filter((entry) => entry.device !== self),
      problems: [],
      more: page.more,
      cursor: String(page.next),
    };
  }

  async announce(info: DeviceInfo): Promise<void> {
    const { presence: beat, ...rest } = info;
    const presence: Presence = {
      ...rest,
      publishedHlc: info.publishedHlc ?? null,
      ...(beat ? { ...beat } : {}),
    };
    await this.call(OkResponse, 'POST', '/presence', presence);
  }

  async devices(): Promise<DeviceInfo[]> {
    return (await this.call(PresenceList, 'GET', '/devices')).map(toDevice);
  }

  /** A server needs no snapshots: a new device pulls from the start, fast. */
  readSnapshot(): Promise<Snapshot | null> {
    return Promise.resolve(null);
  }

  writeSnapshot(): Promise<void> {
    return Promise.resolve();
  }

  compact(): Promise<string[]> {
    return Promise.resolve([]);
  }

  /** Follow the live stream; reconnect with backoff while the server is away. */
  watch(onChange: () => void, onDevice?: (device: DeviceInfo) => void): () => void {
    const controller = new AbortController();
    this.streams.add(controller);
    let failures = 0;
    const connect = async () => {
      while (!controller.signal.aborted) {
        try {
          const response = await this.fetch(`${this.base}${API_V1}/stream`, {
            headers: { Authorization: `Bearer ${this.token}`, Accept: 'text/event-stream' },
            signal: controller.signal,
          });
          if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
          failures = 0;
          const decoder = new TextDecoder();
          let buffer = '';
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
            buffer += decoder.decode(chunk, { stream: true });
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const event = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              // New ops: sync. A device's presence is noted as it is (a sync for it would
              // announce this device again, and the other would answer, again and again).
              if (/^event: ops$/m.test(event)) onChange();
              else if (onDevice && /^event: presence$/m.test(event)) {
                const device = parsePresence(event);
                if (device) onDevice(device);
              }
            }
          }
        } catch {
          if (controller.signal.aborted) return;
        }
        failures += 1;
        const wait = Math.min(this.maxBackoffMs, 500 * 2 ** Math.min(failures, 6));
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
        // Whatever happened while away is fetched by the sync this triggers.
        if (!controller.signal.aborted) onChange();
      }
    };
    void connect();
    return () => {
      controller.abort();
      this.streams.delete(controller);
    };
  }

  close(): Promise<void> {
    for (const controller of this.streams) controller.abort();
    this.streams.clear();
    return Promise.resolve();
  }
}

const MeResponse = z.object({ user: ServerUser });
const OkResponse = z.object({ ok: z.boolean() });
const PresenceList = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    userName: z.string().nullable(),
    userEmail: z.string().nullable(),
    lastSeen: z.number(),
    publishedSeq: z.number(),
    publishedHlc: z.string().nullable().optional(),
    applied: z.record(z.string(), z.number()),
    schemaVersion: z.number(),
    appVersion: z.string(),
    state: z.string().optional(),
    onCallSince: z.number().nullable().optional(),
    callId: z.string().nullable().optional(),
    userId: z.string().nullable().optional(),
    beatAt: z.number().optional(),
  }),
);

function toDevice(p: z.infer<typeof PresenceList>[number]): DeviceInfo {
  return {
    id: p.id,
    name: p.name,
    userName: p.userName,
    userEmail: p.userEmail,
    lastSeen: p.lastSeen,
    publishedSeq: p.publishedSeq,
    publishedHlc: p.publishedHlc ?? null,
    applied: p.applied,
    schemaVersion: p.schemaVersion,
    appVersion: p.appVersion,
    presence: toDevicePresence({
      state: p.state,
      userId: p.userId ?? null,
      callId: p.callId ?? null,
      onCallSince: p.onCallSince ?? null,
      beatAt: p.beatAt,
    }),
  };
}

/** The device of a live stream's `presence` event, or null if the event does not hold one. */
function parsePresence(event: string): DeviceInfo | null {
  const data = event
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice('data:'.length).trimStart())
    .join('\n');
  try {
    const parsed = PresenceList.element.safeParse(JSON.parse(data));
    return parsed.success ? toDevice(parsed.data) : null;
  } catch {
    return null;
  }
}
/**
 * A pull page, checked for its shape only: entries come from the server this device trusts with
 * its token, and the merge checks every field op it applies. (A schema check of each entry's
 * clocks and names cost more than the rest of a pull.)
 */
const PullPage = z.custom<PullResponse>((value) => {
  if (typeof value !== 'object' || value === null) return false;
  const page = value as Partial<PullResponse>;
  if (typeof page.next !== 'number' || typeof page.more !== 'boolean') return false;
  if (!Array.isArray(page.entries)) return false;
  return page.entries.every(
    (item) =>
      typeof item?.serverSeq === 'number' &&
      typeof item.entry?.device === 'string' &&
      typeof item.entry.seq === 'number' &&
      typeof item.entry.lastSeq === 'number' &&
      typeof item.entry.hlc === 'string' &&
      typeof item.entry.table === 'string' &&
      Array.isArray(item.entry.changes) &&
      typeof item.entry.schemaV === 'number',
  );
});

/** Entries in requests under the server's limits of ops and bytes. */
function* batches(entries: ChangeEntry[]): Generator<ChangeEntry[]> {
  let batch: ChangeEntry[] = [];
  let ops = 0;
  let bytes = 0;
  for (const entry of entries) {
    const size = JSON.stringify(entry).length;
    const count = entry.lastSeq - entry.seq + 1;
    if (batch.length > 0 && (ops + count > MAX_OPS_PER_PUSH || bytes + size > MAX_BODY_BYTES / 2)) {
      yield batch;
      batch = [];
      ops = 0;
      bytes = 0;
    }
    batch.push(entry);
    ops += count;
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
