import { z } from 'zod';
import { Id } from './basics';

// ---------------------------------------------------------------------------------------------
// Team

export const Role = z.enum(['rep', 'manager', 'success', 'admin']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: Role,
  title: z.string().nullable(),
  timeZone: z.string().nullable(),
  active: z.boolean(),
});
export type User = z.infer<typeof User>;

export const TeamSettings = z.object({
  name: z.string(),
  defaultCurrency: z.string(),
  timeZone: z.string().nullable(),
});
export type TeamSettings = z.infer<typeof TeamSettings>;
