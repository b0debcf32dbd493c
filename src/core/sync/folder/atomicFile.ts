/**
 * Writing a file into a shared folder so that no reader, and no sync tool, ever sees half of it:
 * write `<name>.part`, fsync it, rename it over `<name>`, fsync the directory.
 */
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { failpoint } from '../failpoints';

/** Windows antivirus and indexers hold new files for a moment: these rename errors pass. */
const RETRYABLE_RENAME = new Set(['EPERM', 'EBUSY', 'EACCES']);
const RENAME_DELAYS_MS = [25, 50, 100, 200, 400, 800];

export const PART_SUFFIX = '.part';

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface RenameOptions {
  rename?: (from: string, to: string) => Promise<void>;
  delaysMs?: readonly number[];
}

/** `rename`, retried with a short backoff while another program holds the file. */
export async function renameWithRetry(
  from: string,
  to: string,
  options: RenameOptions = {},
): Promise<void> {
  const doRename = options.rename ?? rename;
  const delays = options.delaysMs ?? RENAME_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await doRename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      if (code === undefined || !RETRYABLE_RENAME.has(code) || attempt >= delays.length) {
        const tries = attempt + 1;
        throw new Error(
          `Could not move ${from} into place after ${tries} ${tries === 1 ? 'try' : 'tries'} (${code ?? String(error)})` +
            (code !== undefined && RETRYABLE_RENAME.has(code)
              ? ': another program (antivirus, indexer, sync tool) may be holding it'
              : ''),
          { cause: error },
        );
      }
      await sleep(delays[attempt]!);
    }
  }
}

/** Make a rename durable. Not every OS can open a directory (Windows cannot): that is fine. */
async function fsyncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // EISDIR, EPERM, EINVAL: the platform does not offer it.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Write `path` atomically: the content goes to `path.part` (written by `content`, a string or
 * bytes, or a function that writes through the handle), which is fsynced and then renamed.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array | ((handle: FileHandle) => Promise<void>),
  options: RenameOptions = {},
): Promise<void> {
  const part = path + PART_SUFFIX;
  const handle = await open(part, 'w');
  try {
    if (typeof content === 'function') await content(handle);
    else await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(part).catch(() => undefined);
    throw error;
  }
  await handle.close();
  if (path.endsWith('.seg')) failpoint('segment-written');
  await renameWithRetry(part, path, options);
  await fsyncDirectory(dirname(path));
  if (path.endsWith('.seg')) failpoint('segment-renamed');
}
