import { z } from 'zod';
import { NoInput, type MethodSpec } from './spec';

// Scaffolding: the lifecycle metrics are being built.
export const lifecycleContract = {
  'dashboard.lifecycle': {
    summary:
      'Conversion between stages, time in stage, velocity, won and lost by reason, renewals, churn and satisfaction.',
    input: NoInput,
    output: z.object({}),
  },
} satisfies Record<string, MethodSpec>;
