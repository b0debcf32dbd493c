import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/tempDir';
import { SafeStorageSecretStore, type SafeStorageLike } from './secrets';

/** Stands in for Electron's safeStorage: sealed with a keychain's password, opened only by it. */
function fakeSafeStorage(password = 'login-keychain', available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text: string) =>
      Buffer.from(`v10:${password}:${Buffer.from(text).toString('hex')}`),
    decryptString: (sealed: Buffer) => {
      const [version, keychain, hex] = sealed.toString().split(':');
      if (version !== 'v10' || keychain !== password || hex === undefined) {
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
        );
      }
      return Buffer.from(hex, 'hex').toString();
    },
  };
}

describe('SafeStorageSecretStore', () => {
  it('keeps the key encrypted in a private file, and reads it back', async () => {
    const path = join(tempDir(), 'secrets.bin.json');
    const store = new SafeStorageSecretStore(fakeSafeStorage(), path);
    expect(await store.get('remote-scorer-api-key')).toBeNull();
    await store.set('remote-scorer-api-key', 'sk-live-abc123');
    expect(await store.get('remote-scorer-api-key')).toBe('sk-live-abc123');
    const onDisk = readFileSync(path, 'utf8');
    expect(onDisk).not.toContain('sk-live-abc123');
    expect(Object.keys(JSON.parse(onDisk) as object)).toEqual(['remote-scorer-api-key']);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    // Another run of the app reads what the first one stored.
    expect(
      await new SafeStorageSecretStore(fakeSafeStorage(), path).get('remote-scorer-api-key'),
    ).toBe('sk-live-abc123');
    await store.set('remote-scorer-api-key', null);
    expect(await store.get('remote-scorer-api-key')).toBeNull();
  });

  it('refuses to store a key in plain text when there is no keychain', async () => {
    const path = join(tempDir(), 'secrets.bin.json');
    const store = new SafeStorageSecretStore(fakeSafeStorage('x', false), path);
    await expect(store.set('remote-scorer-api-key', 'sk-live')).rejects.toThrow(/no keychain/);
    expect(await store.get('remote-scorer-api-key')).toBeNull();
  });

  it('treats a value sealed by another keychain as absent', async () => {
    const path = join(tempDir(), 'secrets.bin.json');
    await new SafeStorageSecretStore(fakeSafeStorage('old-keychain'), path).set('k', 'sk-old');
    expect(
      await new SafeStorageSecretStore(fakeSafeStorage('new-keychain'), path).get('k'),
    ).toBeNull();
  });
});
