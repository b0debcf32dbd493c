/**
 * Saved views: named board and table filters, per user.
 *
 * Methods: views.list, views.save, views.delete
 * Tables:  saved_views
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { deleteView, listViews, saveView } from './views';

export const viewMethods = (ctx: CoreContext) =>
  ({
    'views.list': (input) => listViews(ctx, input.surface),
    'views.save': (input) => saveView(ctx, input),
    'views.delete': (input) => deleteView(ctx, input.id),
  }) satisfies Partial<Handlers>;
