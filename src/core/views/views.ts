import {
  ApiError,
  type ParsedInput,
  type SavedView,
  type ViewSurface,
} from '../../shared/contract';
import { currentUserId, type CoreContext } from '../context';

const COLUMNS = 'id, surface, name, query, position';

function me(ctx: CoreContext): string {
  const id = currentUserId(ctx);
  if (!id) throw new ApiError('conflict', 'set up your user first: saved views belong to a person');
  return id;
}

export function listViews(ctx: CoreContext, surface: ViewSurface): SavedView[] {
  return ctx.store
    .prepare(
      `SELECT ${COLUMNS} FROM saved_views
        WHERE user_id = ? AND surface = ? AND deleted_at IS NULL ORDER BY position, name COLLATE NOCASE`,
    )
    .all(me(ctx), surface) as SavedView[];
}

function getView(ctx: CoreContext, id: string): SavedView & { userId: string | null } {
  const view = ctx.store
    .prepare(
      `SELECT ${COLUMNS}, user_id AS userId FROM saved_views WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(id) as (SavedView & { userId: string | null }) | undefined;
  if (!view || view.userId !== me(ctx))
    throw new ApiError('not_found', `you have no saved view with id ${id}`, 'id');
  return view;
}

/** Save a new view, or update one of yours; a name is unique per surface (saving it again replaces it). */
export function saveView(ctx: CoreContext, input: ParsedInput<'views.save'>): SavedView {
  const userId = me(ctx);
  const sameName = ctx.store
    .prepare(
      `SELECT id FROM saved_views WHERE user_id = ? AND surface = ? AND name = ? COLLATE NOCASE AND deleted_at IS NULL`,
    )
    .get(userId, input.surface, input.name) as { id: string } | undefined;
  const id = input.id ?? sameName?.id;
  if (id) {
    getView(ctx, id);
    ctx.store.write((w) =>
      w.update('saved_views', id, { name: input.name, query: input.query, surface: input.surface }),
    );
    return getView(ctx, id);
  }
  const newId = ctx.store.write((w) => {
    const last = w.get<{ position: number | null }>(
      'SELECT max(position) AS position FROM saved_views WHERE user_id = ? AND surface = ? AND deleted_at IS NULL',
      userId,
      input.surface,
    );
    return w.insert('saved_views', {
      user_id: userId,
      surface: input.surface,
      name: input.name,
      query: input.query,
      position: (last?.position ?? 0) + 1,
    });
  });
  return getView(ctx, newId);
}

export function deleteView(ctx: CoreContext, id: string): { id: string } {
  getView(ctx, id);
  ctx.store.write((w) => w.remove('saved_views', id));
  return { id };
}
