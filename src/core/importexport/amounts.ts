/**
 * Amounts as spreadsheets write them, in any locale's notation ("12,500.50", "12.500,50 €",
 * "$1,200"), read into minor units of their currency; and back to plain decimals for exports.
 */
import { currencyDigits, isCurrencyCode } from '../../shared/money';
import { Bad, quote, unescapeCell } from './values';

const SYMBOLS: readonly [string, string][] = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['C$', 'CAD'],
  ['AU$', 'AUD'],
  ['A$', 'AUD'],
  ['NZ$', 'NZD'],
  ['S$', 'SGD'],
  ['HK$', 'HKD'],
  ['R$', 'BRL'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₺', 'TRY'],
  ['₪', 'ILS'],
  ['zł', 'PLN'],
  ['Fr.', 'CHF'],
];
const DOLLAR_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN']);
const CURRENCY_NAMES: Record<string, string> = {
  euro: 'EUR',
  euros: 'EUR',
  dollar: 'USD',
  dollars: 'USD',
  'us dollar': 'USD',
  'us dollars': 'USD',
  pound: 'GBP',
  pounds: 'GBP',
  'pound sterling': 'GBP',
  'swiss franc': 'CHF',
  'swiss francs': 'CHF',
  yen: 'JPY',
};

/** "$" means the team's own dollar when the team counts in dollars, else the US dollar. */
function dollarFor(teamCurrency: string): string {
  return DOLLAR_CURRENCIES.has(teamCurrency) ? teamCurrency : 'USD';
}

const currencies = new Map<string, string | Bad>();

/** A currency cell: "EUR", "eur", "€", "$", "Euro". */
export function readCurrency(text: string, teamCurrency: string): string | Bad {
  // A column holds a handful of distinct values; checking a code builds an Intl formatter.
  const key = `${teamCurrency}:${text}`;
  let currency = currencies.get(key);
  if (currency === undefined) {
    currency = currencyOf(text, teamCurrency);
    if (currencies.size < 1_000) currencies.set(key, currency);
  }
  return currency;
}

function currencyOf(text: string, teamCurrency: string): string | Bad {
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  if (isCurrencyCode(upper)) return upper;
  if (trimmed === '$') return dollarFor(teamCurrency);
  const symbol = SYMBOLS.find(([sign]) => sign === trimmed);
  if (symbol) return symbol[1];
  const named = CURRENCY_NAMES[trimmed.toLowerCase()];
  if (named) return named;
  return new Bad(`Currency ${quote(text)} is not a currency; use a code such as EUR or USD`);
}

/** Splits "12.500,50 €" into the number part and the currency it names, if any. */
function splitCurrency(
  text: string,
  teamCurrency: string,
): { number: string; currency: string | null } {
  let rest = text;
  let currency: string | null = null;
  const code = /^([A-Za-z]{3})\s*(?=[\d(+-])|(?<=[\d.,)\s])\s*([A-Za-z]{3})$/.exec(rest);
  if (code) {
    const candidate = (code[1] ?? code[2])!.toUpperCase();
    if (isCurrencyCode(candidate)) {
      currency = candidate;
      rest = rest.replace(code[0], '');
    }
  }
  if (!currency) {
    for (const [sign, iso] of SYMBOLS) {
      if (rest.startsWith(sign) || rest.endsWith(sign)) {
        currency = iso;
        rest = rest.startsWith(sign) ? rest.slice(sign.length) : rest.slice(0, -sign.length);
        break;
      }
    }
  }
  if (!currency && (rest.startsWith('$') || rest.endsWith('$'))) {
    currency = dollarFor(teamCurrency);
    rest = rest.startsWith('$') ? rest.slice(1) : rest.slice(0, -1);
  }
  return { number: rest.trim(), currency };
}

export type DecimalMark = ',' | '.';

/**
 * Which mark separates the minor part in a column of amounts, when some value gives it away
 * ("1.250,50" or "12,5" say comma; "1,250.50" or "12.5" say dot). Undefined when no value
 * decides or when the values disagree; each value is then read on its own.
 */
export function decimalMarkOf(values: Iterable<string>): DecimalMark | undefined {
  let comma = false;
  let dot = false;
  for (const raw of values) {
    const text = raw.replace(/[^\d.,]/g, '');
    const lastComma = text.lastIndexOf(',');
    const lastDot = text.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) {
      if (lastComma > lastDot) comma = true;
      else dot = true;
    } else if (lastComma >= 0) {
      const fraction = text.length - lastComma - 1;
      if (text.indexOf(',') !== lastComma) dot = true;
      else if (fraction > 0 && fraction !== 3) comma = true;
    } else if (lastDot >= 0) {
      const fraction = text.length - lastDot - 1;
      if (text.indexOf('.') !== lastDot) comma = true;
      else if (fraction > 0 && fraction !== 3) dot = true;
    }
    if (comma && dot) return undefined;
  }
  return comma ? ',' : dot ? '.' : undefined;
}

export interface Amount {
  minor: number;
  /** The currency the text named ("€", "USD"), if it named one. */
  currency: string | null;
}

const notAmount = (text: string) => new Bad(`Value ${quote(text)} is not an amount`);

/**
 * "12,500.50", "12.500,50 €", "$1,200", "1 200", "EUR 99": the number in minor units of the
 * currency it is in (the text's own, else `currency`). `mark` is the column's decimal mark.
 */
export function readAmount(
  text: string,
  currency: string,
  teamCurrency: string,
  mark?: DecimalMark,
): Amount | Bad {
  const split = splitCurrency(unescapeCell(text.trim()), teamCurrency);
  const inCurrency = split.currency ?? currency;
  let number = split.number;
  const negative = /^-|^\(.*\)$|-$/.test(number);
  number = number.replace(/^[-(]|[)-]$/g, '').trim();
  if (!/^[\d\s.,'\u00a0\u202f]+$/.test(number) || !/\d/.test(number)) return notAmount(text);
  if (negative) return new Bad(`Value ${quote(text)} is negative; a deal is worth zero or more`);
  number = number.replace(/[\s'\u00a0\u202f]/g, '');

  let whole = number;
  let fraction = '';
  const commas = number.split(',').length - 1;
  const dots = number.split('.').length - 1;
  let decimal: DecimalMark | null = null;
  if (commas > 0 && dots > 0) {
    decimal = number.lastIndexOf(',') > number.lastIndexOf('.') ? ',' : '.';
    if ((decimal === ',' ? commas : dots) > 1) return notAmount(text);
  } else if (commas + dots === 1) {
    const sign: DecimalMark = commas ? ',' : '.';
    const digitsAfter = number.length - number.indexOf(sign) - 1;
    if (mark) decimal = mark === sign ? sign : null;
    else decimal = digitsAfter === 3 && currencyDigits(inCurrency) !== 3 ? null : sign;
  }
  if (decimal) {
    const at = number.lastIndexOf(decimal);
    whole = number.slice(0, at);
    fraction = number.slice(at + 1);
  }
  const groups = whole.split(/[.,]/);
  if (groups.length > 1) {
    // Thousands come in threes (Indian lakhs in twos, but always three at the end).
    const inner = groups.slice(1);
    const ok = inner.every((g, i) => g.length === 3 || (g.length === 2 && i < inner.length - 1));
    if (!ok || groups[0] === '') return notAmount(text);
  }
  whole = groups.join('');
  if (whole === '') whole = '0';
  const digits = currencyDigits(inCurrency);
  if (fraction.length > digits) {
    return new Bad(
      digits === 0
        ? `Value ${quote(text)} has a decimal part, but ${inCurrency} has none`
        : `Value ${quote(text)} has more than ${digits} decimal places for ${inCurrency}`,
    );
  }
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return new Bad(`Value ${quote(text)} is too large`);
  return { minor, currency: split.currency };
}

/** Minor units back to the plain decimal an export writes: 1250050 EUR → "12500.50". */
export function formatAmount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}
