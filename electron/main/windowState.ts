/**
 * Where the window was: its size, position and whether it was maximised, remembered per display
 * arrangement in `window-state.json` of the user-data folder. A laptop used docked and undocked
 * gets its window back where it was on each. A saved position is used only while its title bar is
 * on a display that is there now; otherwise the window opens centred with its saved size, shrunk
 * to fit.
 */
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A display as Electron's `screen` reports it: its bounds and the area free of task bars. */
export interface DisplayArea {
  bounds: Rect;
  workArea: Rect;
}

export interface WindowPlacement {
  /** Size always; position only when it is on a current display. */
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1360, height: 860 } as const;
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;
/** How much of the title bar must be on a display to grab the window: this wide, all its height. */
const GRAB_WIDTH = 120;
const TITLE_BAR_HEIGHT = 32;
const MAX_ENTRIES = 8;

const RectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
const Entry = z.object({ bounds: RectSchema, maximized: z.boolean(), savedAt: z.number() });
export const WindowStateFile = z.object({
  version: z.literal(1),
  /** By display arrangement (`displaysKey`). */
  arrangements: z.record(z.string(), Entry),
});
export type WindowStateFile = z.infer<typeof WindowStateFile>;

/** The arrangement of displays, as a key: each display's bounds, in a stable order. */
export function displaysKey(displays: readonly DisplayArea[]): string {
  return displays
    .map(({ bounds: b }) => `${b.x},${b.y},${b.width}x${b.height}`)
    .sort()
    .join(';');
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** The display whose work area holds enough of the window's title bar to grab it, if any. */
export function displayHolding(bounds: Rect, displays: readonly DisplayArea[]): DisplayArea | null {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: TITLE_BAR_HEIGHT };
  for (const display of displays) {
    const { width, height } = overlap(titleBar, display.workArea);
    if (width >= Math.min(GRAB_WIDTH, bounds.width) && height >= TITLE_BAR_HEIGHT) return display;
  }
  return null;
}

function fit(size: number, min: number, max: number): number {
  return Math.max(Math.min(min, max), Math.min(size, max));
}

/**
 * Where to open the window: the state saved for the current arrangement of displays, else the
 * newest saved state that is still visible, else the default size. A position is kept only when
 * the title bar is on a current display; the size is shrunk to the display it opens on.
 */
export function restoreWindowPlacement(
  saved: unknown,
  displays: readonly DisplayArea[],
): WindowPlacement {
  const primary = displays[0]?.workArea;
  const file = WindowStateFile.safeParse(saved);
  const entries = file.success
    ? [
        file.data.arrangements[displaysKey(displays)],
        ...Object.values(file.data.arrangements).sort((a, b) => b.savedAt - a.savedAt),
      ].filter((entry) => entry !== undefined)
    : [];
  for (const entry of entries) {
    const display = displayHolding(entry.bounds, displays);
    if (!display) continue;
    const area = display.workArea;
    const width = fit(entry.bounds.width, MIN_WINDOW_SIZE.width, area.width);
    const height = fit(entry.bounds.height, MIN_WINDOW_SIZE.height, area.height);
    // Shrunk to the display, and moved in so that its right and bottom edges are on it too.
    const x = Math.max(area.x, Math.min(entry.bounds.x, area.x + area.width - width));
    const y = Math.max(area.y, Math.min(entry.bounds.y, area.y + area.height - height));
    return { bounds: { x, y, width, height }, maximized: entry.maximized };
  }
  const newest = entries[0];
  const size = newest?.bounds ?? DEFAULT_WINDOW_SIZE;
  return {
    bounds: {
      width: fit(size.width, MIN_WINDOW_SIZE.width, primary?.width ?? size.width),
      height: fit(size.height, MIN_WINDOW_SIZE.height, primary?.height ?? size.height),
    },
    maximized: newest?.maximized ?? false,
  };
}

/**
 * The file with the window's state for the current arrangement of displays replaced: its
 * un-maximised bounds and whether it is maximised. Keeps the newest few arrangements.
 */
export function rememberWindowPlacement(
  saved: unknown,
  displays: readonly DisplayArea[],
  state: { bounds: Rect; maximized: boolean },
  now: number,
): WindowStateFile {
  const previous = WindowStateFile.safeParse(saved);
  const arrangements = {
    ...(previous.success ? previous.data.arrangements : {}),
    [displaysKey(displays)]: {
      bounds: {
        x: Math.round(state.bounds.x),
        y: Math.round(state.bounds.y),
        width: Math.round(state.bounds.width),
        height: Math.round(state.bounds.height),
      },
      maximized: state.maximized,
      savedAt: now,
    },
  };
  const kept = Object.entries(arrangements)
    .sort(([, a], [, b]) => b.savedAt - a.savedAt)
    .slice(0, MAX_ENTRIES);
  return { version: 1, arrangements: Object.fromEntries(kept) };
}
