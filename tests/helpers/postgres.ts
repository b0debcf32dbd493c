import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** A database of its own, e.g. `postgres://postgres@127.0.0.1:54321/postgres`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A real, empty PostgreSQL database for one test file, or null when there is none to be had.
 *
 * - `COCKPIT_TEST_DATABASE_URL` set (a server you run, with a role that may create databases):
 *   a fresh database with a random name on it, dropped again by `stop`.
 * - Otherwise PostgreSQL's server binaries (Debian's `/usr/lib/postgresql/<version>/bin`, or
 *   `initdb` and `pg_ctl` on the PATH): a throwaway cluster in a temp dir, on a free port of
 *   127.0.0.1 with `trust` auth and its socket in the temp dir, without fsync; `stop` stops it
 *   and removes the dir. As root (PostgreSQL will not run as root) the cluster belongs to the
 *   `postgres` user and its commands run through `runuser`.
 * - Neither: null (the caller decides whether that is a failure).
 */
export async function startTestPostgres(): Promise<TestPostgres | null> {
  const external = process.env.COCKPIT_TEST_DATABASE_URL;
  if (external) return createDatabaseOn(external);
  const bin = findServerBinaries();
  if (!bin) return null;
  return startCluster(bin);
}

async function createDatabaseOn(adminUrl: string): Promise<TestPostgres> {
  const name = `cockpit_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: () =>
      withClient(adminUrl, async (client) => {
        try {
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } catch {
          // Before PostgreSQL 13 there is no FORCE; the storage's pools are closed by now.
          await client.query(`DROP DATABASE IF EXISTS ${name}`);
        }
      }),
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The directory holding `initdb` and `pg_ctl`: the newest Debian version, else the PATH. */
function findServerBinaries(): string | null {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((version) => existsSync(join(debian, version, 'bin', 'initdb')))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

/** As root, who runs the cluster; otherwise the current user does. */
function clusterOwner(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string): number => {
    const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(
        'PostgreSQL does not run as root and there is no `postgres` user to run the test cluster as',
      );
    }
    return Number(result.stdout.trim());
  };
  return { uid: id('-u'), gid: id('-g') };
}

async function startCluster(bin: string): Promise<TestPostgres> {
  const owner = clusterOwner();
  // As root, a temp dir under a private TMPDIR might not be reachable by `postgres`: use /tmp.
  let base = tmpdir();
  if (owner && base !== '/tmp' && !reachableBy(base)) base = '/tmp';
  const dir = mkdtempSync(join(base, 'cockpit-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');

  const run = (command: string, args: string[]): Promise<void> =>
    runAs(owner !== null, join(bin, command), args, dir);

  let running = false;
  const stopNow = (): void => {
    if (!running) return;
    running = false;
    const [file, args] = asOwner(owner !== null, join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-m',
      'immediate',
      '-w',
      'stop',
    ]);
    spawnSync(file, args, { cwd: dir, stdio: 'ignore' });
  };
  // A test process that ends without calling stop must not leave a server behind.
  process.once('exit', stopNow);

  try {
    await run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    let port = 0;
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      appendFileSync(
        join(data, 'postgresql.conf'),
        [
          '',
          '# the test cluster (tests/helpers/postgres.ts); the last setting wins',
          `port = ${port}`,
          `listen_addresses = '127.0.0.1'`,
          `unix_socket_directories = '${dir}'`,
          'fsync = off',
          'synchronous_commit = off',
          'full_page_writes = off',
          'max_connections = 100',
          '',
        ].join('\n'),
      );
      try {
        running = true;
        await run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '30', 'start']);
        break;
      } catch (error) {
        // Another process may have taken the port between our check and the start.
        stopNow();
        if (attempt >= 3) throw withLog(error as Error, log);
      }
    }
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        process.removeListener('exit', stopNow);
        try {
          if (running) {
            running = false;
            await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    process.removeListener('exit', stopNow);
    stopNow();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function reachableBy(dir: string): boolean {
  const result = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dir, '-a', '-x', dir]);
  return result.status === 0;
}

function asOwner(
  switchUser: boolean,
  file: string,
  args: string[],
): [file: string, args: string[]] {
  return switchUser ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

function runAs(switchUser: boolean, file: string, args: string[], cwd: string): Promise<void> {
  const [command, commandArgs] = asOwner(switchUser, file, args);
  return new Promise((resolve, reject) => {
    // cwd: the cluster's dir, which its owner can enter (the checkout might not be).
    const child = spawn(command, commandArgs, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', PGTZ: 'UTC' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else {
        const how = signal ? `signal ${signal}` : `code ${code}`;
        reject(new Error(`${[command, ...commandArgs].join(' ')} ended with ${how}:\n${output}`));
      }
    });
  });
}

function withLog(error: Error, log: string): Error {
  let text = '';
  try {
    text = readFileSync(log, 'utf8').slice(-4000);
  } catch {
    // no log written
  }
  return text ? new Error(`${error.message}\nserver log:\n${text}`, { cause: error }) : error;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
