/**
 * The desktop app's secret store: values encrypted with Electron's `safeStorage` (the macOS
 * Keychain, Windows DPAPI, the Secret Service or KWallet on Linux) and kept as base64 in a file of
 * the user-data folder, outside the synced database. Without an encryption backend (a Linux
 * session with no keyring) nothing is stored in plain text: setting a secret fails and says so.
 */
import type { SafeStorage } from 'electron';
import { readJsonRecord, writeFileAtomic, type SecretStore } from '../../src/core/secrets';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString'
>;

export class SafeStorageSecretStore implements SecretStore {
  readonly #safeStorage: SafeStorageLike;
  readonly #path: string;

  constructor(safeStorage: SafeStorageLike, path: string) {
    this.#safeStorage = safeStorage;
    this.#path = path;
  }

  get(name: string): Promise<string | null> {
    return new Promise((resolve) => {
      const sealed = readJsonRecord(this.#path)[name];
      if (sealed === undefined || !this.#safeStorage.isEncryptionAvailable()) return resolve(null);
      try {
        resolve(this.#safeStorage.decryptString(Buffer.from(sealed, 'base64')));
      } catch {
        // Sealed by another OS account or a keychain that was reset: as good as absent.
        resolve(null);
      }
    });
  }

  set(name: string, value: string | null): Promise<void> {
    return new Promise((resolve) => {
      const sealed = readJsonRecord(this.#path);
      if (value === null) delete sealed[name];
      else {
        if (!this.#safeStorage.isEncryptionAvailable()) {
          throw new Error(
            'this computer offers no keychain to encrypt it with (on Linux, unlock or install a keyring such as GNOME Keyring or KWallet)',
          );
        }
        sealed[name] = this.#safeStorage.encryptString(value).toString('base64');
      }
      writeFileAtomic(this.#path, `${JSON.stringify(sealed, null, 2)}\n`);
      resolve();
    });
  }
}
