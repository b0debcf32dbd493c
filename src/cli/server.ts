import type { ServerRole } from '../shared/serverApi';
import { buildServer } from '../server/app';
import { SqliteStorage } from '../server/storage/sqlite';
import type { ServerStorage } from '../server/storage/types';
import { newToken } from '../server/tokens';

export interface ServerCommandOptions {
  data?: string;
  databaseUrl?: string;
  port: number;
  host: string;
  requestsPerMinute?: number;
}

/** SQLite in `--data`, or PostgreSQL when `--database-url` is given. */
export async function openStorage(options: {
  data?: string;
  databaseUrl?: string;
}): Promise<ServerStorage> {
  let storage: ServerStorage;
  if (options.databaseUrl) {
    const { PostgresStorage } = await import('../server/storage/postgres');
    storage = new PostgresStorage(options.databaseUrl);
  } else if (options.data) {
    storage = new SqliteStorage(options.data);
  } else {
    throw new Error(
      'say where the server keeps its data: --data DIR, or --database-url postgres://…',
    );
  }
  await storage.migrate();
  return storage;
}

export async function runServer(options: ServerCommandOptions): Promise<void> {
  const storage = await openStorage(options);
  const app = await buildServer({ storage, requestsPerMinute: options.requestsPerMinute });
  const address = await app.listen({ port: options.port, host: options.host });
  console.log(`Lifecycle Cockpit sync server on ${address}`);
  console.log(`  Storage: ${options.databaseUrl ? 'PostgreSQL' : `SQLite in ${options.data}`}`);
  console.log(
    `  Add people: cockpit server add-user --data … --name … --email … --role rep|manager|success|admin`,
  );
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

export async function addUser(
  options: { data?: string; databaseUrl?: string },
  user: { name: string; email: string; role: ServerRole },
): Promise<void> {
  const storage = await openStorage(options);
  try {
    const { token, stored } = newToken();
    const added = await storage.addUser({ ...user, tokenHash: stored });
    console.log(`Added ${added.name} <${added.email}> as ${added.role}.`);
    console.log(`Access token (shown once; the server keeps only its hash):`);
    console.log(token);
  } finally {
    await storage.close();
  }
}

export async function revokeUser(
  options: { data?: string; databaseUrl?: string },
  email: string,
): Promise<number> {
  const storage = await openStorage(options);
  try {
    if (await storage.revokeUser(email)) {
      console.log(`Revoked the access token of ${email}; their devices can no longer sync.`);
      return 0;
    }
    console.error(`There is no active user with the email ${email}.`);
    return 2;
  } finally {
    await storage.close();
  }
}

export async function listUsers(options: { data?: string; databaseUrl?: string }): Promise<void> {
  const storage = await openStorage(options);
  try {
    for (const user of await storage.listUsers()) {
      const state = user.revokedAt
        ? `revoked ${new Date(user.revokedAt).toISOString().slice(0, 10)}`
        : 'active';
      console.log(`${user.email}\t${user.name}\t${user.role}\t${state}`);
    }
  } finally {
    await storage.close();
  }
}
