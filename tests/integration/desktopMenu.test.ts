/**
 * The desktop menu's Go items and the page's shortcuts are one set of commands: each item with a
 * key shows the key the page binds, and goes where that shortcut goes; every place is a route of
 * the app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_KEYS, GO_TO } from '../../electron/main/menu';
import { APP_COMMANDS } from '../../src/renderer/app/commands';
import { REMINDER_COMMANDS } from '../../src/renderer/features/calls/commands';
import { DASHBOARD_COMMANDS } from '../../src/renderer/features/dashboard/commands';
import { LIFECYCLE_COMMANDS } from '../../src/renderer/features/dashboard/lifecycleCommands';
import { HANDOVER_COMMANDS } from '../../src/renderer/features/handover/commands';
import { COACHING_COMMANDS } from '../../src/renderer/features/scoring/commands';
import { SYNC_COMMANDS } from '../../src/renderer/features/sync/commands';

const RENDERER = join(import.meta.dirname, '../../src/renderer');

function sources(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\./.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe('the Go menu and the in-app shortcuts', () => {
  const page = sources(RENDERER);
  const shortcuts = {
    HANDOVER_COMMANDS,
    REMINDER_COMMANDS,
    DASHBOARD_COMMANDS,
    LIFECYCLE_COMMANDS,
    COACHING_COMMANDS,
    SYNC_COMMANDS,
  };

  it('show the key the page binds, and go where its shortcut goes', () => {
    const keyed = GO_TO.filter((place) => 'keys' in place);
    expect(keyed.length).toBe(6);
    for (const place of keyed) {
      const [name, commands] = Object.entries(shortcuts).find(
        ([, commands]) => commands.open.keys === place.keys,
      ) ?? [place.label];
      expect(commands, `${place.label}: no page shortcut ${place.keys}`).toBeDefined();
      expect(page, `${name}.open navigates to ${place.route}`).toContain(
        `useShortcut(${name}.open, () => void navigate('${place.route}'))`,
      );
    }
    expect(APP_KEYS).toEqual({
      search: APP_COMMANDS.search.keys,
      shortcuts: APP_COMMANDS.showShortcuts.keys,
    });
  });

  it('go only to routes of the app', () => {
    const app = readFileSync(join(RENDERER, 'app/App.tsx'), 'utf8');
    for (const place of GO_TO) {
      expect(app, place.route).toContain(`path: '${place.route.slice(1)}'`);
    }
  });
});
