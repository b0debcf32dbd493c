import { z } from 'zod';
import { Id, NonBlank } from '../domain';
import { type MethodSpec } from './spec';

export const ViewSurface = z.enum(['board', 'table', 'contacts', 'accounts']);
export type ViewSurface = z.infer<typeof ViewSurface>;

/** A saved view: a name for a set of filters (and, for the table, sort and columns). Per user. */
export const SavedView = z.object({
  id: Id,
  surface: ViewSurface,
  name: z.string(),
  /** What the view restores: the URL query of the surface, e.g. `owner=…&rotting=1`. */
  query: z.string(),
  position: z.number(),
});
export type SavedView = z.infer<typeof SavedView>;

export const viewsContract = {
  'views.list': {
    summary: 'The current user’s saved views of a surface.',
    input: z.strictObject({ surface: ViewSurface }),
    output: z.array(SavedView),
  },
  'views.save': {
    summary: 'Save a view (or rename or update one) for the current user.',
    input: z.strictObject({
      id: Id.optional(),
      surface: ViewSurface,
      name: NonBlank(60),
      query: z.string().max(4_000, { error: 'at most 4,000 characters' }),
    }),
    output: SavedView,
  },
  'views.delete': {
    summary: 'Delete a saved view.',
    input: z.strictObject({ id: Id }),
    output: z.object({ id: Id }),
  },
} satisfies Record<string, MethodSpec>;
