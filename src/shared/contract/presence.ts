import { z } from 'zod';
import { Id, Timestamp } from '../domain';
import { type MethodSpec } from './spec';

export const PresenceState = z.enum(['on-call', 'online', 'idle', 'offline']);

export const presenceContract = {
  'presence.beat': {
    summary:
      'The app is open on this device (idle when nobody has used it for a while): refresh its ' +
      'heartbeat, which the sync carries to the other devices.',
    input: z.strictObject({ idle: z.boolean().default(false) }),
    output: z.object({
      state: z.enum(['on-call', 'online', 'idle']),
      callId: Id.nullable(),
      onCallSince: Timestamp.nullable(),
      beatAt: Timestamp,
    }),
  },
} satisfies Record<string, MethodSpec>;
