import type { PhoneScheme } from '../../../shared/contract/settings';

/**
 * How a number is dialled: `tel:` (the system's phone app), `callto:` (Skype, Teams) or `sip:`
 * (a softphone), as the team set it (`usePhoneScheme`).
 */
export const DEFAULT_PHONE_SCHEME: PhoneScheme = 'tel:';

/** The link that dials `phone`: digits and a leading `+` only, as dialers expect. */
export function phoneHref(phone: string, scheme: string = DEFAULT_PHONE_SCHEME): string {
  return `${scheme}${phone.replace(/[^\d+]/g, '')}`;
}
