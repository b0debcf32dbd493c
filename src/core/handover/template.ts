/**
 * The team's handover template (admins edit it; see `readTemplate.ts` for how it is read).
 */
import {
  type HandoverTemplate as Template,
  type HandoverTemplateState,
  type ParsedInput,
} from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { currentUserId, type CoreContext } from '../context';
import { requireRole } from '../team/roles';
import { getUser } from '../team/team';
import { BUILT_IN_TEMPLATE, readTemplate, TEMPLATE_SETTING_ID } from './readTemplate';

const EDITORS: readonly Role[] = ['admin'];

interface TemplateRow {
  value: string | null;
  updated_at: number;
}

function storedRow(ctx: CoreContext): TemplateRow | undefined {
  return ctx.store
    .prepare('SELECT value, updated_at FROM team_settings WHERE id = ? AND deleted_at IS NULL')
    .get(TEMPLATE_SETTING_ID) as TemplateRow | undefined;
}

/** The template new handovers are made from. */
export function teamTemplate(ctx: CoreContext): Template {
  return readTemplate(storedRow(ctx)?.value).template;
}

export function templateState(ctx: CoreContext): HandoverTemplateState {
  const row = storedRow(ctx);
  const { template, unreadable, isBuiltIn } = readTemplate(row?.value);
  const me = currentUserId(ctx);
  const role = me ? getUser(ctx, me)?.role : undefined;
  return {
    template,
    builtIn: BUILT_IN_TEMPLATE,
    isBuiltIn,
    unreadable,
    canEdit: role !== undefined && EDITORS.includes(role),
    updatedAt: row ? row.updated_at : null,
  };
}

/**
 * A new version of the template (admins): handovers made from now on use it; existing ones keep
 * the sections they were made with. Resetting stores the built-in sections under a new version
 * number, so handovers can still tell which template they came from.
 */
export function updateTemplate(
  ctx: CoreContext,
  input: ParsedInput<'handover.updateTemplate'>,
): HandoverTemplateState {
  requireRole(ctx, EDITORS, 'change the handover template');
  const current = teamTemplate(ctx);
  const next: Template =
    input.reset || !input.sections
      ? { ...BUILT_IN_TEMPLATE, version: Math.max(current.version, BUILT_IN_TEMPLATE.version) + 1 }
      : {
          version: current.version + 1,
          name: input.name ?? current.name,
          sections: input.sections,
        };
  const value = JSON.stringify(next);
  ctx.store.write((w) => {
    const row = w.get<{ id: string }>(
      'SELECT id FROM team_settings WHERE id = ?',
      TEMPLATE_SETTING_ID,
    );
    // A fixed id: two laptops that edit the template apart end up with one row, newest wins.
    if (!row) w.insert('team_settings', { id: TEMPLATE_SETTING_ID, value });
    else w.update('team_settings', TEMPLATE_SETTING_ID, { value, deleted_at: null });
  });
  return templateState(ctx);
}
