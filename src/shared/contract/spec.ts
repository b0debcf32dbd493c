import { z } from 'zod';

export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
  /** One line for humans: shown in errors and generated docs. */
  summary: string;
}

export const NoInput = z.strictObject({});

export const SortDirection = z.enum(['asc', 'desc']);

/** A page of a long list: the rows asked for and how many there are in all. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const Offset = z.number().int().min(0).default(0);
export const Limit = (max: number, fallback: number) =>
  z.number().int().min(1).max(max).default(fallback);
