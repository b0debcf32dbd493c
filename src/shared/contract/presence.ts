import { z } from 'zod';
import { NoInput, type MethodSpec } from './spec';

// Scaffolding: presence heartbeats are being built.
export const presenceContract = {
  'presence.beat': {
    summary: 'This device is in use (or idle): refresh its heartbeat.',
    input: NoInput,
    output: z.object({}),
  },
} satisfies Record<string, MethodSpec>;
