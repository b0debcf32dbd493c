import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/tempDir';
import { readDesktopSettings } from './desktopSettings';
import { readJsonFile, writeJsonFile } from './jsonFile';

describe('the desktop app’s own settings', () => {
  it('check for updates automatically unless turned off, and remember it', () => {
    const path = join(tempDir(), 'desktop-settings.json');
    expect(readDesktopSettings(readJsonFile(path))).toEqual({ autoUpdate: true });
    writeJsonFile(path, { autoUpdate: false });
    expect(readDesktopSettings(readJsonFile(path))).toEqual({ autoUpdate: false });
  });

  it('fall back to the defaults from a broken file, never failing the start', () => {
    const path = join(tempDir(), 'desktop-settings.json');
    writeFileSync(path, '{"autoUpdate": fal');
    expect(readDesktopSettings(readJsonFile(path))).toEqual({ autoUpdate: true });
    expect(readDesktopSettings({ autoUpdate: 'no' })).toEqual({ autoUpdate: true });
    expect(readDesktopSettings([])).toEqual({ autoUpdate: true });
  });
});
