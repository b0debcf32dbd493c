import { z } from 'zod';
import { NoInput, type MethodSpec } from './spec';

// Scaffolding: the team settings (follow-up rules, phone link scheme) are being built.
export const settingsContract = {
  'settings.get': {
    summary: 'The team settings: follow-up rules and how numbers are dialled.',
    input: NoInput,
    output: z.object({}),
  },
  'settings.update': {
    summary: 'Change team settings (managers and admins).',
    input: NoInput,
    output: z.object({}),
  },
} satisfies Record<string, MethodSpec>;
