import { ApiError } from '../../../shared/contract/errors';
import { syncContract } from '../../../shared/contract/sync';
import { plainMessage } from './syncText';

export type WorkspaceField = 'folder' | 'name' | 'url' | 'token';
const FIELDS = new Set<string>(['folder', 'name', 'url', 'token'] satisfies WorkspaceField[]);
export type FieldErrors = Partial<Record<WorkspaceField, string>>;

/**
 * Check a form against the contract's own schema, so every empty field is named at once with the
 * words the core would use; the core checks again and has the last word (the folder itself).
 */
export function checkWorkspaceForm(
  method: 'sync.createWorkspace' | 'sync.joinWorkspace' | 'sync.connectServer',
  values: Record<string, string>,
): FieldErrors {
  const result = syncContract[method].input.safeParse(values);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as WorkspaceField;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** A failed call as what the form shows: a field's error, or a sentence over the whole form. */
export function formFailure(error: unknown): { fields: FieldErrors; form?: string } {
  if (error instanceof ApiError && error.field && FIELDS.has(error.field)) {
    return { fields: { [error.field as WorkspaceField]: plainMessage(error) } };
  }
  return { fields: {}, form: plainMessage(error) };
}

/**
 * A server's address as typed, made into one: "sync.example.com" → "https://sync.example.com".
 * Without a scheme, https is meant; what is typed with one is left for the contract to judge.
 */
export function serverAddress(typed: string): string {
  const text = typed.trim();
  if (!text || /^[a-z][a-z\d+.-]*:\/\//i.test(text)) return text;
  return `https://${text}`;
}
