import { ApiError } from '../../../shared/contract/errors';
import { syncContract } from '../../../shared/contract/sync';
import { plainMessage } from './syncText';

export type WorkspaceField = 'folder' | 'name';
export type FieldErrors = Partial<Record<WorkspaceField, string>>;

/**
 * Check a form against the contract's own schema, so every empty field is named at once with the
 * words the core would use; the core checks again and has the last word (the folder itself).
 */
export function checkWorkspaceForm(
  method: 'sync.createWorkspace' | 'sync.joinWorkspace',
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
  if (error instanceof ApiError && (error.field === 'folder' || error.field === 'name')) {
    return { fields: { [error.field]: plainMessage(error) } };
  }
  return { fields: {}, form: plainMessage(error) };
}
