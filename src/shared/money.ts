/**
 * Money is integer minor units plus an ISO 4217 currency code: 1234.56 EUR is `{ 123456, 'EUR' }`.
 * Never floats, so sums over 100,000 deals are exact.
 */

const digitsCache = new Map<string, number>();

/** How many minor digits a currency has: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export function isCurrencyCode(value: string): boolean {
  if (!/^[A-Z]{3}$/.test(value)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: value });
    return true;
  } catch {
    return false;
  }
}

export interface FormatMoneyOptions {
  locale?: string;
  /** "€1.2M" instead of "€1,200,000.00", for column headers and charts. */
  compact?: boolean;
}

export function formatMoney(
  minor: number,
  currency: string,
  options: FormatMoneyOptions = {},
): string {
  const digits = currencyDigits(currency);
  const major = minor / 10 ** digits;
  const fraction = options.compact || Number.isInteger(major) ? 0 : digits;
  return moneyFormat(options.locale, currency, options.compact === true, fraction).format(major);
}

/** Building an Intl.NumberFormat costs far more than using one: a board paints hundreds. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(
  locale: string | undefined,
  currency: string,
  compact: boolean,
  minimumFractionDigits: number,
): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}|${compact}|${minimumFractionDigits}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(compact
        ? { notation: 'compact', maximumFractionDigits: 1 }
        : { minimumFractionDigits, maximumFractionDigits: currencyDigits(currency) }),
    });
    moneyFormats.set(key, format);
  }
  return format;
}

export class MoneyFormatError extends Error {
  constructor(text: string, currency: string, reason: string) {
    super(`"${text}" is not an amount in ${currency}: ${reason}`);
    this.name = 'MoneyFormatError';
  }
}

/**
 * Parse what a person types ("12,500", "12 500.50", "1200.5") into minor units. A comma or space
 * groups thousands; a dot separates the minor part.
 */
export function parseMoney(text: string, currency: string): number {
  const cleaned = text.trim().replace(/[\s,\u00a0']/g, '');
  if (cleaned === '') throw new MoneyFormatError(text, currency, 'it is empty');
  const match = /^(-)?(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match)
    throw new MoneyFormatError(text, currency, 'use digits, with an optional decimal point');
  const digits = currencyDigits(currency);
  const fraction = match[3] ?? '';
  if (fraction.length > digits) {
    throw new MoneyFormatError(text, currency, `at most ${digits} decimal places`);
  }
  const minor = Number(match[2]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor))
    throw new MoneyFormatError(text, currency, 'the amount is too large');
  return match[1] ? -minor : minor;
}
