import type { PhoneScheme } from '../../../shared/contract/settings';
import { useApiQuery } from '../../api';
import { DEFAULT_PHONE_SCHEME } from './phoneLink';

/** The team's phone link scheme (Team settings); `tel:` until the settings have loaded. */
export function usePhoneScheme(): PhoneScheme {
  return useApiQuery('settings.get', {}).data?.phoneScheme ?? DEFAULT_PHONE_SCHEME;
}
