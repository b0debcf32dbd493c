/**
 * The desktop packages as electron-builder will make them, read with electron-builder's own config
 * loader: the targets, better-sqlite3 outside the asar, the fuses flipped in the binary, the
 * icons, the cockpit:// scheme, the update feed; and an install that fetches nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { distArgs } from '../../scripts/distArgs';

const ROOT = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

interface BuilderInternals {
  getConfig(projectDir: string, configPath: null, fromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
}

let config: Configuration;
let fuses: Record<string, unknown>;

beforeAll(async () => {
  // app-builder-lib's own loader and fuse mapping: what `electron-builder` itself will use.
  const lib = require('app-builder-lib') as {
    LinuxPackager: {
      prototype: { generateFuseConfig(f: unknown): Promise<Record<string, unknown>> };
    };
  };
  const internals = require('app-builder-lib/out/util/config/config.js') as BuilderInternals;
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown };
  config = await internals.getConfig(ROOT, null, null);
  await internals.validateConfiguration(config, new DebugLogger(false));
  fuses = await lib.LinuxPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
});

function pngSize(path: string): { width: number; height: number } {
  const png = readFileSync(join(ROOT, path));
  expect(png.subarray(1, 4).toString('latin1'), path).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('packages for Linux (AppImage, deb), macOS (dmg, arm64 and x64) and Windows (nsis)', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.appId).toBe('app.lifecyclecockpit.desktop');
  });

  it('flips the fuses the app does not need, in the binary', () => {
    expect(fuses).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    });
  });

  it('keeps better-sqlite3 outside the asar and never rebuilds it on install', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(false);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(pkg.scripts['rebuild:electron']).toBe('electron-builder install-app-deps');
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(pkg.scripts[hook], hook).toBeUndefined();
    }
    // electron-updater is a runtime dependency that downloads nothing when installed.
    expect(pkg.dependencies['electron-updater']).toBeDefined();
    const updater = require('electron-updater/package.json') as {
      scripts?: Record<string, string>;
    };
    for (const hook of ['preinstall', 'install', 'postinstall']) {
      expect(updater.scripts?.[hook], hook).toBeUndefined();
    }
  });

  it('has the icons of every platform and the tray', () => {
    expect(pngSize('resources/icon.png')).toEqual({ width: 1024, height: 1024 });
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(`resources/icons/${size}x${size}.png`)).toEqual({ width: size, height: size });
    }
    expect(readFileSync(join(ROOT, 'resources/icon.icns')).subarray(0, 4).toString()).toBe('icns');
    expect([...readFileSync(join(ROOT, 'resources/icon.ico')).subarray(0, 4)]).toEqual([
      0, 0, 1, 0,
    ]);
    expect(config.mac?.icon).toBe('resources/icon.icns');
    expect(config.win?.icon).toBe('resources/icon.ico');
    expect(config.linux?.icon).toBe('resources/icons');
    // The names electron/main/index.ts loads, at 1x and 2x, shipped as extra resources.
    for (const name of ['tray', 'trayAttention', 'trayTemplate', 'trayAttentionTemplate']) {
      expect(pngSize(`resources/tray/${name}.png`)).toEqual({ width: 16, height: 16 });
      expect(pngSize(`resources/tray/${name}@2x.png`)).toEqual({ width: 32, height: 32 });
    }
    expect(config.extraResources).toEqual([
      { from: 'resources/tray', to: 'tray', filter: ['*.png'] },
    ]);
  });

  it('registers the cockpit:// scheme with the OS', () => {
    expect(config.protocols).toEqual([{ name: 'Lifecycle Cockpit link', schemes: ['cockpit'] }]);
  });

  it('has no update feed unless the build is given one', () => {
    expect(config.publish).toBeNull();
    expect(distArgs({}, ['--linux'])).toEqual(['--linux']);
    expect(
      distArgs({ COCKPIT_UPDATE_URL: 'https://updates.northwind.example/cockpit' }, []),
    ).toEqual([
      '-c.publish.provider=generic',
      '-c.publish.url=https://updates.northwind.example/cockpit',
    ]);
    expect(() => distArgs({ COCKPIT_UPDATE_URL: 'http://updates.example/' }, [])).toThrow(/https/);
    expect(() => distArgs({ COCKPIT_UPDATE_URL: 'updates' }, [])).toThrow(/not an address/);
  });
});
