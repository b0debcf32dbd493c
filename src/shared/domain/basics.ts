import { z } from 'zod';
import { isCurrencyCode } from '../money';

// ---------------------------------------------------------------------------------------------
// Building blocks

export const Id = z.uuid({ error: 'expected an id (a UUID)' });
/** UTC milliseconds since the epoch. */
export const Timestamp = z.number().int().nonnegative();
export const MinorUnits = z
  .number()
  .int({ error: 'expected an amount in minor units (an integer)' });
export const CurrencyCode = z
  .string()
  .refine(isCurrencyCode, { error: 'expected an ISO 4217 currency code such as EUR or USD' });
export const Email = z.email({ error: 'expected an email address' });
export const NonBlank = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `at most ${max} characters` });
export const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `at most ${max} characters` })
    .nullable();
