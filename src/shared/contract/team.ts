import { z } from 'zod';
import { CurrencyCode, Email, NonBlank, TeamSettings, User } from '../domain';
import { NoInput, type MethodSpec } from './spec';

export const AppInfo = z.object({
  appName: z.string(),
  version: z.string(),
  deviceId: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  team: TeamSettings.nullable(),
  currentUser: User.nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const TeamSetupInput = z.strictObject({
  teamName: NonBlank(120),
  userName: NonBlank(120),
  email: Email,
  currency: CurrencyCode,
});

export const teamContract = {
  'app.info': {
    summary: 'What this app instance is: version, device, database, team and current user.',
    input: NoInput,
    output: AppInfo,
  },
  'team.setup': {
    summary: 'First run: name the team and create its first user (an admin), who becomes you.',
    input: TeamSetupInput,
    output: AppInfo,
  },
  'users.list': {
    summary: 'Everyone on the team, active first.',
    input: NoInput,
    output: z.array(User),
  },
} satisfies Record<string, MethodSpec>;
