/**
 * A laptop of the Kestrel sales team for the call-scoring tests: an admin set the team up, the
 * reps of the transcript fixtures are on it, and calls are logged the way the app logs them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../src/core/createCore';
import { MemorySecretStore } from '../../src/core/secrets';
import { userIdForEmail } from '../../src/core/team';
import { ApiError } from '../../src/shared/contract';
import type { Role } from '../../src/shared/domain';
import { derivedId } from '../../src/shared/ids';
import { tempDbPath } from './tempDir';

export const TRANSCRIPTS = join(import.meta.dirname, '..', 'fixtures', 'transcripts');
export const transcriptFixture = (name: string) => readFileSync(join(TRANSCRIPTS, name), 'utf8');

/** 2025-03-12 10:00 UTC, a Wednesday. */
export const NOW = Date.parse('2025-03-12T10:00:00Z');

/** The people of the fixtures (reps) and the team's manager and a rep on none of them. */
export const PEOPLE = {
  ada: { name: 'Ada Admin', role: 'admin' },
  max: { name: 'Max Manager', role: 'manager' },
  sam: { name: 'Sam Rivera', role: 'rep' },
  marcus: { name: 'Marcus Webb', role: 'rep' },
  dana: { name: 'Dana Kim', role: 'rep' },
  lena: { name: 'Lena Fischer', role: 'rep' },
  jonas: { name: 'Jonas Berg', role: 'rep' },
  alex: { name: 'Alex Morgan', role: 'rep' },
  ray: { name: 'Ray Rep', role: 'rep' },
  sue: { name: 'Sue Success', role: 'success' },
} as const satisfies Record<string, { name: string; role: Role }>;
export type Person = keyof typeof PEOPLE;

export const emailOf = (person: Person) => `${person}@kestrel.example`;
export const idOf = (person: Person) => userIdForEmail(emailOf(person));
export const DEAL_ID = derivedId('deal', 'harbor-freightways');

const open: Core[] = [];
afterEach(() => {
  for (const core of open.splice(0)) core.close();
});

export interface Team {
  core: Core;
  dbPath: string;
  signIn(person: Person): void;
  /** A connected call of `rep` with a deal of Harbor Freightways; returns its id. */
  logCall(rep: Person | null, startedAt?: number): string;
}

export async function scoringTeam(options: Partial<CoreOptions> = {}): Promise<Team> {
  const dbPath = options.dbPath ?? tempDbPath();
  const core = createCore({
    secrets: new MemorySecretStore(),
    now: () => NOW,
    sync: { autoStart: false, pollMs: 50, debounceMs: 60_000 },
    ...options,
    dbPath,
  });
  open.push(core);
  if (!core.store.localSetting('current_user_id')) {
    await core.call('team.setup', {
      teamName: 'Kestrel',
      userName: PEOPLE.ada.name,
      email: emailOf('ada'),
      currency: 'EUR',
    });
    core.store.write((w) => {
      for (const [person, { name, role }] of Object.entries(PEOPLE)) {
        if (person === 'ada') continue;
        w.insert('users', {
          id: idOf(person as Person),
          name,
          email: emailOf(person as Person),
          role,
        });
      }
      w.insert('deals', { id: DEAL_ID, title: 'Harbor Freightways' });
    });
  }
  return {
    core,
    dbPath,
    signIn: (person) => core.store.setLocalSetting('current_user_id', idOf(person)),
    logCall: (rep, startedAt = NOW - 3_600_000) =>
      core.store.write((w) =>
        w.insert('calls', {
          deal_id: DEAL_ID,
          rep_id: rep === null ? null : idOf(rep),
          started_at: startedAt,
          ended_at: startedAt + 180_000,
          disposition: 'connected',
        }),
      ),
  };
}

/** The ApiError a call fails with (the test fails if it succeeds). */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
