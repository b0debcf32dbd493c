/**
 * Team settings.
 *
 * Methods: settings.get, settings.update
 * Tables:  team_settings
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { notImplemented } from '../notImplemented';

export const settingsMethods = (_ctx: CoreContext) =>
  ({
    'settings.get': notImplemented('settings.get'),
    'settings.update': notImplemented('settings.update'),
  }) satisfies Partial<Handlers>;
