/**
 * Reading the values people put in spreadsheets: emails, domains, names and the few enumerations
 * we store (amounts are in amounts.ts, dates in dates.ts). Each reader returns the value or a
 * `Bad` with a sentence a sales person understands.
 */
import { Email } from '../../shared/domain';

/** A value that could not be read, with the reason in plain words. */
export class Bad {
  constructor(readonly message: string) {}
}

export const quote = (text: string) => `“${text}”`;

/**
 * Exports (ours included) escape cells that a spreadsheet would run as a formula by prefixing a
 * quote: `'=SUM(...)`. Undo that, so a title that starts with "=" or "-" survives a round trip.
 */
export function unescapeCell(text: string): string {
  return text.length > 1 && text[0] === "'" && /^[=+\-@\t\r]/.test(text.slice(1))
    ? text.slice(1)
    : text;
}

/** The first address of a cell that may hold several ("a@x.com; b@x.com"), lower case. */
export function readEmail(text: string, label = 'Email'): string | Bad {
  const first = text.split(/[;,\s]+/).find((part) => part !== '') ?? '';
  const email = first.replace(/^mailto:/i, '').toLowerCase();
  if (!Email.safeParse(email).success) {
    return new Bad(`${label} ${quote(text.trim())} is not an email address`);
  }
  return email;
}

/** "https://www.Acme.com/about" → "acme.com". */
export function readDomain(text: string, label = 'Domain'): string | Bad {
  const domain = text
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#:].*$/, '');
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(domain)) {
    return new Bad(`${label} ${quote(text.trim())} is not a web domain like acme.com`);
  }
  return domain;
}

/**
 * A full name in two parts: the first word, and the rest ("Anna van der Berg" → Anna / van der
 * Berg), the way most CRMs split it; "Smith, Mary" is read last name first.
 */
export function splitName(name: string): { firstName: string; lastName: string } {
  const clean = name.trim().replace(/\s+/g, ' ');
  const comma = clean.indexOf(',');
  if (comma > 0) {
    // "Smith, Mary": the way address books and some exports write it.
    return { firstName: clean.slice(comma + 1).trim(), lastName: clean.slice(0, comma).trim() };
  }
  const space = clean.indexOf(' ');
  return space < 0
    ? { firstName: clean, lastName: '' }
    : { firstName: clean.slice(0, space), lastName: clean.slice(space + 1) };
}

/** A name for a contact known only by address: "bob.smith@acme.com" → Bob Smith. */
export function nameFromEmail(email: string): { firstName: string; lastName: string } {
  const words = email
    .split('@')[0]!
    .split(/[._-]+/)
    .filter((w) => /[a-z]/i.test(w))
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  return words.length === 0 ? { firstName: email, lastName: '' } : splitName(words.join(' '));
}

export function readTimeZone(text: string): string | Bad {
  const zone = text.trim();
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return new Bad(`Time zone ${quote(zone)} is not a time zone; use a name such as Europe/Berlin`);
  }
}

const CHANNELS: Record<string, 'call' | 'email' | 'sms' | 'chat'> = {
  call: 'call',
  phone: 'call',
  telephone: 'call',
  'phone call': 'call',
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  sms: 'sms',
  text: 'sms',
  'text message': 'sms',
  chat: 'chat',
  whatsapp: 'chat',
  messenger: 'chat',
  slack: 'chat',
  teams: 'chat',
};

export function readChannel(text: string): 'call' | 'email' | 'sms' | 'chat' | Bad {
  return (
    CHANNELS[text.trim().toLowerCase()] ??
    new Bad(`Preferred channel ${quote(text)} is not one of call, email, SMS or chat`)
  );
}

const CONSENT: Record<string, 'granted' | 'withdrawn' | 'unknown'> = {
  granted: 'granted',
  yes: 'granted',
  y: 'granted',
  true: 'granted',
  '1': 'granted',
  'opted in': 'granted',
  'opt-in': 'granted',
  'opt in': 'granted',
  subscribed: 'granted',
  given: 'granted',
  agreed: 'granted',
  accepted: 'granted',
  withdrawn: 'withdrawn',
  no: 'withdrawn',
  n: 'withdrawn',
  false: 'withdrawn',
  '0': 'withdrawn',
  'opted out': 'withdrawn',
  'opt-out': 'withdrawn',
  'opt out': 'withdrawn',
  unsubscribed: 'withdrawn',
  revoked: 'withdrawn',
  declined: 'withdrawn',
  refused: 'withdrawn',
  unknown: 'unknown',
  'not asked': 'unknown',
};

export function readConsent(text: string): 'granted' | 'withdrawn' | 'unknown' | Bad {
  return (
    CONSENT[text.trim().toLowerCase()] ??
    new Bad(`Consent ${quote(text)} is not one of granted, withdrawn or unknown (yes/no work too)`)
  );
}

export type DealStatusText = 'open' | 'won' | 'lost';

const STATUSES: Record<string, DealStatusText> = {
  open: 'open',
  active: 'open',
  'in progress': 'open',
  won: 'won',
  'closed won': 'won',
  closedwon: 'won',
  lost: 'lost',
  'closed lost': 'lost',
  closedlost: 'lost',
};

export function readStatus(text: string): DealStatusText | Bad {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();
  return STATUSES[key] ?? new Bad(`Status ${quote(text)} is not a status; use open, won or lost`);
}
