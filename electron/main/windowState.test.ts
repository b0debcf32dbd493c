import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/tempDir';
import { readJsonFile, writeJsonFile } from './jsonFile';
import { keepWindowPlacement } from './window';
import {
  displayHolding,
  rememberWindowPlacement,
  restoreWindowPlacement,
  type DisplayArea,
} from './windowState';

/** A display with a 25 px menu bar on top (macOS) or a 48 px task bar at the bottom (Windows). */
function display(x: number, y: number, width: number, height: number, bar = 25): DisplayArea {
  return {
    bounds: { x, y, width, height },
    workArea: { x, y: y + bar, width, height: height - bar },
  };
}
const laptop = display(0, 0, 1512, 982);
const monitor = display(1512, -200, 2560, 1440);

function saved(bounds: { x: number; y: number; width: number; height: number }, maximized = false) {
  return rememberWindowPlacement(undefined, [laptop, monitor], { bounds, maximized }, 1_000);
}

describe('where the window opens', () => {
  it('where it was, with the size it had, maximised if it was', () => {
    const state = saved({ x: 1700, y: 0, width: 1800, height: 1100 }, true);
    expect(restoreWindowPlacement(state, [laptop, monitor])).toEqual({
      bounds: { x: 1700, y: 0, width: 1800, height: 1100 },
      maximized: true,
    });
  });

  it('centred with its size when its display is gone (the monitor was unplugged)', () => {
    const state = saved({ x: 1700, y: 0, width: 1400, height: 900 });
    expect(restoreWindowPlacement(state, [laptop])).toEqual({
      bounds: { width: 1400, height: 900 },
      maximized: false,
    });
    // Larger than the display that is left: shrunk to fit it.
    const big = saved({ x: 1700, y: 0, width: 2400, height: 1300 });
    expect(restoreWindowPlacement(big, [laptop]).bounds).toEqual({ width: 1512, height: 957 });
  });

  it('remembers each arrangement of displays: docked and undocked get their own place', () => {
    let file = rememberWindowPlacement(
      undefined,
      [laptop, monitor],
      { bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, maximized: false },
      1_000,
    );
    file = rememberWindowPlacement(
      file,
      [laptop],
      { bounds: { x: 80, y: 60, width: 1200, height: 800 }, maximized: true },
      2_000,
    );
    expect(restoreWindowPlacement(file, [laptop, monitor])).toEqual({
      bounds: { x: 2000, y: 100, width: 1600, height: 1000 },
      maximized: false,
    });
    expect(restoreWindowPlacement(file, [laptop])).toEqual({
      bounds: { x: 80, y: 60, width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('keeps a position only while the title bar can be grabbed', () => {
    // Under the macOS menu bar: the title bar is not on the work area.
    expect(displayHolding({ x: 100, y: 5, width: 1200, height: 800 }, [laptop])).toBeNull();
    // Almost entirely off the right edge: less than 120 px of title bar left.
    expect(displayHolding({ x: 1450, y: 100, width: 1200, height: 800 }, [laptop])).toBeNull();
    // Off the bottom.
    expect(displayHolding({ x: 100, y: 970, width: 1200, height: 800 }, [laptop])).toBeNull();
    // Hanging off the left edge, but with a good part of the title bar on the display.
    expect(displayHolding({ x: -600, y: 100, width: 1200, height: 800 }, [laptop])).toBe(laptop);
    const state = saved({ x: 100, y: 5, width: 1200, height: 800 });
    expect(restoreWindowPlacement(state, [laptop]).bounds).toEqual({ width: 1200, height: 800 });
    // A window partly off its display comes back entirely on it.
    expect(
      restoreWindowPlacement(saved({ x: -600, y: 100, width: 1200, height: 800 }), [laptop]).bounds,
    ).toEqual({ x: 0, y: 100, width: 1200, height: 800 });
  });

  it('opens at the default size from a missing or broken file', () => {
    for (const file of [undefined, null, 'junk', { version: 2 }, { version: 1, arrangements: 7 }]) {
      expect(restoreWindowPlacement(file, [laptop])).toEqual({
        bounds: { width: 1360, height: 860 },
        maximized: false,
      });
    }
    // Not smaller than the window's minimum, not larger than a small display.
    const tiny = saved({ x: 10, y: 40, width: 300, height: 200 });
    expect(restoreWindowPlacement(tiny, [laptop]).bounds).toMatchObject({
      width: 960,
      height: 600,
    });
    const small = display(0, 0, 1024, 640);
    expect(restoreWindowPlacement(undefined, [small]).bounds).toEqual({ width: 1024, height: 615 });
  });
});

describe('saving the window’s place', () => {
  it('writes where it is as it moves and when it closes, and the next window opens there', async () => {
    const path = join(tempDir(), 'window-state.json');
    const window = Object.assign(new EventEmitter(), {
      bounds: { x: 300, y: 200, width: 1300, height: 850 },
      maximized: false,
      getNormalBounds() {
        return this.bounds;
      },
      isMaximized() {
        return this.maximized;
      },
      isDestroyed: () => false,
    });
    keepWindowPlacement(window as never, {
      displays: () => [laptop, monitor],
      read: () => readJsonFile(path),
      write: (state) => writeJsonFile(path, state),
      delayMs: 10,
    });
    window.bounds = { x: 1800, y: 50, width: 1500, height: 900 };
    window.emit('move');
    window.emit('resize');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(restoreWindowPlacement(readJsonFile(path), [laptop, monitor])).toEqual({
      bounds: { x: 1800, y: 50, width: 1500, height: 900 },
      maximized: false,
    });
    // Maximised, then closed: the un-maximised bounds are kept with the maximised state.
    window.maximized = true;
    window.emit('close');
    expect(restoreWindowPlacement(readJsonFile(path), [laptop, monitor])).toEqual({
      bounds: { x: 1800, y: 50, width: 1500, height: 900 },
      maximized: true,
    });
  });
});
