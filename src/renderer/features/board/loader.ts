import type { LoaderFunctionArgs } from 'react-router';
import { prefetchApiQuery } from '../../api';
import { filtersNeedSession, readFilterState, toDealFilters } from '../pipeline/usePipelineFilters';
import { boardLoadInput } from './useBoard';

/**
 * The board route's loader: it asks the core for the board while the app is still checking who
 * is signed in, so that the first paint waits for one round trip instead of two. Filters that
 * need the session (owner "me", amounts in the team's currency) wait for it in the page instead.
 */
export function preloadBoard({ request }: LoaderFunctionArgs): null {
  prefetchApiQuery('stages.list', {});
  prefetchApiQuery('users.list', {});
  prefetchApiQuery('views.list', { surface: 'board' });
  const state = readFilterState(new URL(request.url).searchParams);
  if (!filtersNeedSession(state)) {
    prefetchApiQuery('board.load', boardLoadInput(toDealFilters(state, undefined, 'EUR')));
  }
  return null;
}
