import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDbPath, tempDir } from '../../tests/helpers/tempDir';
import { createCore } from './createCore';
import { FileSecretStore } from './secrets';

describe('FileSecretStore', () => {
  it('keeps, replaces and forgets secrets in a file only its owner can read', async () => {
    const dir = tempDir();
    const path = join(dir, 'cockpit.db.secrets.json');
    const store = new FileSecretStore(path);
    expect(await store.get('remote-scorer-api-key')).toBeNull();
    await store.set('remote-scorer-api-key', 'sk-one');
    await store.set('other', 'two');
    await store.set('remote-scorer-api-key', 'sk-three');
    expect(await new FileSecretStore(path).get('remote-scorer-api-key')).toBe('sk-three');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      'remote-scorer-api-key': 'sk-three',
      other: 'two',
    });
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    await store.set('remote-scorer-api-key', null);
    expect(await store.get('remote-scorer-api-key')).toBeNull();
    expect(await store.get('other')).toBe('two');
    // Written through a temporary file renamed over the old one: none is left behind.
    expect(readdirSync(dir)).toEqual(['cockpit.db.secrets.json']);
  });

  it('makes an existing file private again when it writes it', async () => {
    const path = join(tempDir(), 'secrets.json');
    writeFileSync(path, '{}', { mode: 0o644 });
    await new FileSecretStore(path).set('k', 'v');
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses to read a damaged file instead of overwriting what it cannot read', async () => {
    const path = join(tempDir(), 'secrets.json');
    writeFileSync(path, '{"k": "v"', { mode: 0o600 });
    const store = new FileSecretStore(path);
    await expect(store.get('k')).rejects.toThrow(SyntaxError);
    await expect(store.set('k', 'w')).rejects.toThrow(SyntaxError);
    expect(readFileSync(path, 'utf8')).toBe('{"k": "v"');
  });

  it('is the core’s default, next to the database', async () => {
    const dbPath = tempDbPath();
    const core = createCore({ dbPath, sync: { autoStart: false } });
    try {
      await core.call('scoring.update', { apiKey: 'sk-on-this-laptop' });
      // The key, and the address it was entered for (it is sent nowhere else).
      expect(JSON.parse(readFileSync(`${dbPath}.secrets.json`, 'utf8'))).toEqual({
        'remote-scorer-api-key': 'sk-on-this-laptop',
        'remote-scorer-api-key-origin': expect.stringMatching(/^https:\/\//),
      });
      expect((await core.call('scoring.settings', {})).remote.hasKey).toBe(true);
    } finally {
      core.close();
    }
    // Not a byte of it in the database or its log.
    for (const file of [dbPath, `${dbPath}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes('sk-on-this-laptop')).toBe(false);
    }
  });
});
