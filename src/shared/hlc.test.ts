import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HLC_DEFAULT_MAX_DRIFT_MS,
  HLC_MAX_COUNTER,
  HlcFormatError,
  HybridLogicalClock,
  formatHlc,
  hlcWall,
  parseHlc,
} from './hlc';

const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';

function manualClock(start: number) {
  let t = start;
  return {
    now: () => t,
    set: (value: number) => {
      t = value;
    },
  };
}

describe('HLC format', () => {
  it('round-trips and sorts as strings in time order', () => {
    const early = formatHlc({ wall: 1_700_000_000_000, counter: 5, device: B });
    const later = formatHlc({ wall: 1_700_000_000_001, counter: 0, device: A });
    expect(parseHlc(early)).toEqual({ wall: 1_700_000_000_000, counter: 5, device: B });
    expect(early < later).toBe(true);
    expect(hlcWall(later)).toBe(1_700_000_000_001);
  });

  it('breaks ties on the device id', () => {
    const a = formatHlc({ wall: 10, counter: 1, device: A });
    const b = formatHlc({ wall: 10, counter: 1, device: B });
    expect(a < b).toBe(true);
  });

  it('names what is wrong with a malformed timestamp', () => {
    expect(() => parseHlc('yesterday')).toThrow(HlcFormatError);
    expect(() => parseHlc('yesterday')).toThrow(/expected <12 hex>-<4 hex>-<16 hex>/);
    expect(() => new HybridLogicalClock('not-a-device')).toThrow(/16 hex digits/);
  });
});

describe('HybridLogicalClock', () => {
  it('stays monotonic when the wall clock goes backwards', () => {
    const wall = manualClock(1_000_000);
    const clock = new HybridLogicalClock(A, { now: wall.now });
    const first = clock.now();
    wall.set(400_000); // NTP correction, or the user fixed the date
    const second = clock.now();
    const third = clock.now();
    expect(second > first).toBe(true);
    expect(third > second).toBe(true);
    expect(hlcWall(third)).toBe(1_000_000);
    wall.set(1_000_005);
    expect(hlcWall(clock.now())).toBe(1_000_005);
  });

  it('borrows the next millisecond when the counter overflows within one millisecond', () => {
    const wall = manualClock(5_000);
    const clock = new HybridLogicalClock(A, { now: wall.now });
    let previous = clock.now();
    for (let i = 0; i < HLC_MAX_COUNTER + 10; i++) {
      const next = clock.now();
      expect(next > previous).toBe(true);
      previous = next;
    }
    const last = parseHlc(previous);
    expect(last.wall).toBe(5_001);
    expect(last.counter).toBe(9);
  });

  it('moves past a remote timestamp that is a little ahead', () => {
    const wall = manualClock(10_000);
    const clock = new HybridLogicalClock(A, { now: wall.now });
    const remote = formatHlc({ wall: 12_000, counter: 7, device: B });
    expect(clock.receive(remote)).toEqual({ accepted: true });
    const next = clock.now();
    expect(next > remote).toBe(true);
    expect(parseHlc(next)).toMatchObject({ wall: 12_000, counter: 9 });
  });

  it('is not dragged along by a remote clock far ahead, and names the device', () => {
    const wall = manualClock(10_000);
    const clock = new HybridLogicalClock(A, { now: wall.now });
    const aYearAhead = formatHlc({ wall: 10_000 + 365 * 86_400_000, counter: 0, device: B });
    const result = clock.receive(aYearAhead);
    expect(result).toEqual({ accepted: false, aheadMs: 365 * 86_400_000, device: B });
    expect(hlcWall(clock.now())).toBe(10_000);
    // Just inside the allowed drift is followed.
    const near = formatHlc({ wall: 10_000 + HLC_DEFAULT_MAX_DRIFT_MS, counter: 0, device: B });
    expect(clock.receive(near).accepted).toBe(true);
  });

  it('continues after a restart from the last timestamp it issued', () => {
    const wall = manualClock(50_000);
    const before = new HybridLogicalClock(A, { now: wall.now });
    const last = before.now();
    wall.set(20_000); // the machine came back with an older date
    const after = new HybridLogicalClock(A, { now: wall.now });
    after.restore(last);
    expect(after.now() > last).toBe(true);
  });

  it('orders any interleaving of local and remote events causally (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom('local', 'send'),
            jump: fc.integer({ min: -5_000, max: 5_000 }),
          }),
          { minLength: 1, maxLength: 200 },
        ),
        (steps) => {
          const wallA = manualClock(1_000_000);
          const wallB = manualClock(1_000_000);
          const a = new HybridLogicalClock(A, { now: wallA.now });
          const b = new HybridLogicalClock(B, { now: wallB.now });
          let lastA = a.last;
          let lastB = b.last;
          for (const step of steps) {
            wallA.set(Math.max(0, wallA.now() + step.jump));
            wallB.set(Math.max(0, wallB.now() - step.jump));
            const sent = a.now();
            expect(sent > lastA).toBe(true);
            lastA = sent;
            if (step.kind === 'send') {
              b.receive(sent);
              const reply = b.now();
              // Happened-after: B's next event sorts after the message it saw.
              expect(reply > sent).toBe(true);
              expect(reply > lastB).toBe(true);
              lastB = reply;
            }
          }
        },
      ),
    );
  });
});
