/**
 * Secrets this device keeps outside the synced database (the remote scorer's API key): a value
 * put here never becomes an op, so it never leaves the laptop. The Electron app passes a store
 * backed by the OS keychain (`electron/main/secrets.ts`); the browser host and the CLI use a file
 * next to the database that only its owner can read.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';

export interface SecretStore {
  get(name: string): Promise<string | null>;
  /** Keep `value` under `name`; null forgets it. */
  set(name: string, value: string | null): Promise<void>;
}

/**
 * Writes a file so that a reader sees the old content or the new, never half of it: a temporary
 * file beside it (created with `mode`), synced, then renamed over the old one.
 */
export function writeFileAtomic(path: string, content: string | Buffer, mode = 0o600): void {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temporary, 'w', mode);
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, path);
}

/** The JSON object in `path`; empty when the file does not exist. Throws on a damaged file. */
export function readJsonRecord(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path} is not a JSON object of secrets`);
  }
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** The value of `fn` as a promise: what it throws becomes a rejection, as callers expect. */
function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/**
 * Secrets in a JSON file (`<database>.secrets.json`), readable and writable by its owner only
 * (mode 0600), replaced atomically on every change. Plain text on disk: as safe as the user's
 * account, which is what the browser host and the CLI can offer without a keychain.
 */
export class FileSecretStore implements SecretStore {
  constructor(readonly path: string) {}

  get(name: string): Promise<string | null> {
    return settle(() => readJsonRecord(this.path)[name] ?? null);
  }

  set(name: string, value: string | null): Promise<void> {
    return settle(() => {
      const secrets = readJsonRecord(this.path);
      if (value === null) delete secrets[name];
      else secrets[name] = value;
      writeFileAtomic(this.path, `${JSON.stringify(secrets, null, 2)}\n`);
    });
  }
}

/** Secrets held in memory only (tests, a database that lives nowhere). */
export class MemorySecretStore implements SecretStore {
  readonly #values = new Map<string, string>();
  get(name: string): Promise<string | null> {
    return Promise.resolve(this.#values.get(name) ?? null);
  }
  set(name: string, value: string | null): Promise<void> {
    if (value === null) this.#values.delete(name);
    else this.#values.set(name, value);
    return Promise.resolve();
  }
}
