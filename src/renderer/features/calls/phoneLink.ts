/**
 * How a number is dialled: the one place the scheme lives, so `callto:` (Skype, Teams) or `sip:`
 * (a softphone) can be configured later without touching the views.
 */
export const PHONE_SCHEME: 'tel:' | 'callto:' | 'sip:' = 'tel:';

/** The link that dials `phone`: digits and a leading `+` only, as dialers expect. */
export function phoneHref(phone: string, scheme: string = PHONE_SCHEME): string {
  return `${scheme}${phone.replace(/[^\d+]/g, '')}`;
}
