import type { z } from 'zod';
import { contract, type MethodOutput, type ParsedInput } from './contract';
import { ApiError } from './errors';
import { isMethodName, type MethodName } from './names';

/** `['patch', 'valueMinor']` → `patch.valueMinor`; array indexes as `[2]`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/**
 * Turn a schema failure into one clear error naming the first bad field, e.g.
 * `deals.create: valueMinor: expected an amount in minor units (an integer)`.
 */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export function describeIssues(context: string, error: z.ZodError, input?: unknown): ApiError {
  const issue = error.issues[0];
  if (!issue) return new ApiError('invalid_input', `${context}: invalid input`);
  let path = [...issue.path];
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    path = [...path, issue.keys[0] ?? ''];
    message = `unknown field (allowed fields are listed in the contract)`;
  } else if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    message = 'is required';
  }
  const field = formatPath(path);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return new ApiError(
    'invalid_input',
    field ? `${context}: ${field}: ${message}${more}` : `${context}: ${message}${more}`,
    field || undefined,
  );
}

export function assertMethod(method: unknown): MethodName {
  if (!isMethodName(method)) {
    throw new ApiError('unknown_method', `there is no API method named ${JSON.stringify(method)}`);
  }
  return method;
}

export function parseInput<M extends MethodName>(method: M, raw: unknown): ParsedInput<M> {
  const input = raw ?? {};
  const result = contract[method].input.safeParse(input);
  if (!result.success) throw describeIssues(method, result.error, input);
  return result.data as ParsedInput<M>;
}

/** Used in development and tests: a handler that returns the wrong shape is a bug in the core. */
export function parseOutput<M extends MethodName>(method: M, raw: unknown): MethodOutput<M> {
  const result = contract[method].output.safeParse(raw);
  if (!result.success) {
    const error = describeIssues(`${method} returned`, result.error, raw);
    throw new ApiError('internal', error.message);
  }
  return result.data as MethodOutput<M>;
}
