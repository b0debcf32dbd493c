/**
 * Presence.
 *
 * Methods: presence.beat
 * Tables:  presence
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { notImplemented } from '../notImplemented';

export const presenceMethods = (_ctx: CoreContext) =>
  ({
    'presence.beat': notImplemented('presence.beat'),
  }) satisfies Partial<Handlers>;
