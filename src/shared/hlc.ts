/**
 * Hybrid logical clock: physical milliseconds plus a counter plus the device id.
 *
 * Timestamps are strings that sort in time order: `<wall ms, 12 hex>-<counter, 4 hex>-<device>`,
 * for example `019a6b2c3d4e-0000-a1b2c3d4e5f60718`. Per field, the newest `(hlc, device)` wins;
 * since the device id is the last part of the string, comparing the strings compares both.
 */

export const HLC_MAX_COUNTER = 0xffff;
/** Remote clocks further ahead than this do not move ours (a laptop with a wrong date). */
export const HLC_DEFAULT_MAX_DRIFT_MS = 5 * 60_000;

const DEVICE_RE = /^[0-9a-f]{16}$/;
const HLC_RE = /^([0-9a-f]{12})-([0-9a-f]{4})-([0-9a-f]{16})$/;

export interface HlcTimestamp {
  /** Milliseconds since the epoch, possibly a little ahead of the wall clock. */
  readonly wall: number;
  readonly counter: number;
  readonly device: string;
}

export class HlcFormatError extends Error {
  constructor(value: string, reason: string) {
    super(`"${value}" is not a clock timestamp: ${reason}`);
    this.name = 'HlcFormatError';
  }
}

export function isDeviceId(value: string): boolean {
  return DEVICE_RE.test(value);
}

export function formatHlc(ts: HlcTimestamp): string {
  if (!Number.isSafeInteger(ts.wall) || ts.wall < 0 || ts.wall > 0xffffffffffff) {
    throw new HlcFormatError(String(ts.wall), 'wall time out of range');
  }
  if (!Number.isInteger(ts.counter) || ts.counter < 0 || ts.counter > HLC_MAX_COUNTER) {
    throw new HlcFormatError(String(ts.counter), 'counter out of range');
  }
  if (!isDeviceId(ts.device))
    throw new HlcFormatError(ts.device, 'device id must be 16 hex digits');
  return `${ts.wall.toString(16).padStart(12, '0')}-${ts.counter.toString(16).padStart(4, '0')}-${ts.device}`;
}

export function parseHlc(value: string): HlcTimestamp {
  const match = HLC_RE.exec(value);
  if (!match) throw new HlcFormatError(value, 'expected <12 hex>-<4 hex>-<16 hex>');
  return {
    wall: parseInt(match[1]!, 16),
    counter: parseInt(match[2]!, 16),
    device: match[3]!,
  };
}

/** Wall time in ms of a timestamp string, without building the whole object. */
export function hlcWall(value: string): number {
  return parseInt(value.slice(0, 12), 16);
}

/** The smallest timestamp of `device` after `after` (another device's), for one event. */
export function hlcAfter(after: string, device: string): string {
  const ts = parseHlc(after);
  return ts.counter >= HLC_MAX_COUNTER
    ? formatHlc({ wall: ts.wall + 1, counter: 0, device })
    : formatHlc({ wall: ts.wall, counter: ts.counter + 1, device });
}

export type ReceiveResult =
  | { accepted: true }
  /** The remote clock is too far ahead; ours did not move. `aheadMs` is by how much. */
  | { accepted: false; aheadMs: number; device: string };

export interface HlcOptions {
  /** The wall clock; injectable so tests can run it backwards. */
  now?: () => number;
  maxDriftMs?: number;
}

export class HybridLogicalClock {
  readonly device: string;
  private readonly physical: () => number;
  private readonly maxDriftMs: number;
  private wall = 0;
  private counter = 0;

  constructor(device: string, options: HlcOptions = {}) {
    if (!isDeviceId(device)) throw new HlcFormatError(device, 'device id must be 16 hex digits');
    this.device = device;
    this.physical = options.now ?? Date.now;
    this.maxDriftMs = options.maxDriftMs ?? HLC_DEFAULT_MAX_DRIFT_MS;
  }

  /** The last timestamp this clock issued or observed. */
  get last(): string {
    return formatHlc({ wall: this.wall, counter: this.counter, device: this.device });
  }

  /**
   * Continue after a restart from the newest timestamp this device issued, so that a wall clock
   * that went backwards while the app was closed cannot make a later edit look older.
   */
  restore(last: string): void {
    const ts = parseHlc(last);
    if (ts.wall > this.wall || (ts.wall === this.wall && ts.counter > this.counter)) {
      this.wall = ts.wall;
      this.counter = ts.counter;
    }
  }

  /** A new timestamp for a local event, strictly greater than every one before it. */
  now(): string {
    const physical = Math.floor(this.physical());
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return this.last;
  }

  /**
   * Take a remote timestamp into account, so that our next one is after it. A remote clock far
   * ahead of ours is not followed: the caller keeps the op aside and names the device.
   */
  receive(remote: string): ReceiveResult {
    const ts = parseHlc(remote);
    const physical = Math.floor(this.physical());
    const aheadMs = ts.wall - physical;
    if (aheadMs > this.maxDriftMs) return { accepted: false, aheadMs, device: ts.device };

    const wall = Math.max(this.wall, ts.wall, physical);
    if (wall === this.wall && wall === ts.wall) {
      this.counter = Math.max(this.counter, ts.counter);
      this.bumpCounter();
    } else if (wall === this.wall) {
      this.bumpCounter();
    } else if (wall === ts.wall) {
      this.wall = wall;
      this.counter = ts.counter;
      this.bumpCounter();
    } else {
      this.wall = wall;
      this.counter = 0;
    }
    return { accepted: true };
  }

  /**
   * More than 65,536 events in one millisecond: borrow the next millisecond instead of failing.
   * The clock runs at most a few ms ahead of the wall clock and catches up on its own.
   */
  private bumpCounter(): void {
    if (this.counter >= HLC_MAX_COUNTER) {
      this.wall += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
