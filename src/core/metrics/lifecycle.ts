/**
 * Lifecycle metrics.
 *
 * Methods: dashboard.lifecycle
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { notImplemented } from '../notImplemented';

export const lifecycleMethods = (_ctx: CoreContext) =>
  ({
    'dashboard.lifecycle': notImplemented('dashboard.lifecycle'),
  }) satisfies Partial<Handlers>;
