import { describe, expect, it } from 'vitest';
import { decimalMarkOf, formatAmount, readAmount, readCurrency } from './amounts';
import { dayOrderOf, readDate } from './dates';
import { Bad, readConsent, readDomain, readEmail, splitName, unescapeCell } from './values';

const amount = (text: string, currency = 'EUR', mark?: ',' | '.') => {
  const result = readAmount(text, currency, 'EUR', mark);
  return result instanceof Bad ? result.message : result;
};

describe('amounts', () => {
  it('reads the notations of English and continental spreadsheets', () => {
    expect(amount('12,500.50')).toEqual({ minor: 1_250_050, currency: null });
    expect(amount('12.500,50 €')).toEqual({ minor: 1_250_050, currency: 'EUR' });
    expect(amount('12 500,50')).toEqual({ minor: 1_250_050, currency: null });
    expect(amount('$1,200')).toEqual({ minor: 120_000, currency: 'USD' });
    expect(amount('USD 99.9')).toEqual({ minor: 9_990, currency: 'USD' });
    expect(amount('1.250.000')).toEqual({ minor: 125_000_000, currency: null });
    expect(amount('12,5')).toEqual({ minor: 1_250, currency: null });
    expect(amount('1.234')).toEqual({ minor: 123_400, currency: null });
    expect(amount('0')).toEqual({ minor: 0, currency: null });
  });

  it('follows the decimal mark the column shows elsewhere', () => {
    expect(amount('1.234', 'EUR', '.')).toBe(
      'Value “1.234” has more than 2 decimal places for EUR',
    );
    expect(amount('1,234', 'EUR', ',')).toBe(
      'Value “1,234” has more than 2 decimal places for EUR',
    );
    expect(decimalMarkOf(['1.200', '12.500,50 €', '900'])).toBe(',');
    expect(decimalMarkOf(['1,200', '12,500.50', '900'])).toBe('.');
    expect(decimalMarkOf(['1.200', '3.000'])).toBeUndefined();
    expect(decimalMarkOf(['1,5', '2.5'])).toBeUndefined();
  });

  it('says what is wrong with an amount', () => {
    expect(amount('12,5x')).toBe('Value “12,5x” is not an amount');
    expect(amount('-5')).toBe('Value “-5” is negative; a deal is worth zero or more');
    expect(amount('1.5', 'JPY')).toBe('Value “1.5” has a decimal part, but JPY has none');
    expect(amount('12,50,0')).toBe('Value “12,50,0” is not an amount');
    expect(amount('lots')).toBe('Value “lots” is not an amount');
  });

  it('writes minor units back as plain decimals', () => {
    expect(formatAmount(1_250_050, 'EUR')).toBe('12500.50');
    expect(formatAmount(5, 'EUR')).toBe('0.05');
    expect(formatAmount(12_500, 'JPY')).toBe('12500');
  });

  it('reads currency codes, symbols and names', () => {
    expect(readCurrency('eur', 'EUR')).toBe('EUR');
    expect(readCurrency('$', 'CAD')).toBe('CAD');
    expect(readCurrency('$', 'EUR')).toBe('USD');
    expect(readCurrency('£', 'EUR')).toBe('GBP');
    expect(readCurrency('Euro', 'EUR')).toBe('EUR');
    expect(readCurrency('Bitcoin', 'EUR')).toEqual(
      new Bad('Currency “Bitcoin” is not a currency; use a code such as EUR or USD'),
    );
  });
});

describe('dates', () => {
  const date = (text: string, order: 'dmy' | 'mdy' = 'dmy', zone: string | null = null) => {
    const result = readDate(text, 'Close date', order, zone);
    return result instanceof Bad ? result.message : new Date(result).toISOString();
  };

  it('reads ISO and national formats; a date alone is noon UTC of that day', () => {
    expect(date('2026-03-31')).toBe('2026-03-31T12:00:00.000Z');
    expect(date('31/03/2026')).toBe('2026-03-31T12:00:00.000Z');
    expect(date('03/31/2026', 'mdy')).toBe('2026-03-31T12:00:00.000Z');
    expect(date('31.03.2026')).toBe('2026-03-31T12:00:00.000Z');
    expect(date('Mar 31, 2026')).toBe('2026-03-31T12:00:00.000Z');
    expect(date('31 March 2026')).toBe('2026-03-31T12:00:00.000Z');
    expect(date('2026/03/31')).toBe('2026-03-31T12:00:00.000Z');
    expect(date('31/03/26')).toBe('2026-03-31T12:00:00.000Z');
  });

  it('reads times: with their zone, or on the team’s wall clock', () => {
    expect(date('2026-03-31T08:15:00Z')).toBe('2026-03-31T08:15:00.000Z');
    expect(date('2026-03-31T10:15:00+02:00')).toBe('2026-03-31T08:15:00.000Z');
    expect(date('2026-03-31 10:15')).toBe('2026-03-31T10:15:00.000Z');
    expect(date('2026-07-01 10:15', 'dmy', 'Europe/Berlin')).toBe('2026-07-01T08:15:00.000Z');
    expect(date('2026-01-15 10:15', 'dmy', 'Europe/Berlin')).toBe('2026-01-15T09:15:00.000Z');
    expect(date('03/31/2026 2:30 PM', 'mdy')).toBe('2026-03-31T14:30:00.000Z');
  });

  it('refuses days that do not exist and text that is no date', () => {
    const message = 'Close date “31/02/2026” is not a date; write it like 2026-03-31 or 31/03/2026';
    expect(date('31/02/2026')).toBe(message);
    expect(date('next Tuesday')).toMatch(/is not a date/);
    expect(date('13/13/2026')).toMatch(/is not a date/);
  });

  it('tells day-first from month-first columns by the values that give it away', () => {
    expect(dayOrderOf(['01/02/2026', '31/03/2026'], 'mdy')).toBe('dmy');
    expect(dayOrderOf(['01/02/2026', '03/31/2026'], 'dmy')).toBe('mdy');
    expect(dayOrderOf(['01/02/2026'], 'mdy')).toBe('mdy');
  });
});

describe('people and places', () => {
  it('reads emails, domains and names', () => {
    expect(readEmail(' Bob@Example.COM ')).toBe('bob@example.com');
    expect(readEmail('a@x.example; b@x.example')).toBe('a@x.example');
    expect(readEmail('bob@')).toEqual(new Bad('Email “bob@” is not an email address'));
    expect(readDomain('https://www.Acme.com/about')).toBe('acme.com');
    expect(readDomain('acme')).toEqual(new Bad('Domain “acme” is not a web domain like acme.com'));
    expect(splitName('Anna van der Berg')).toEqual({ firstName: 'Anna', lastName: 'van der Berg' });
    expect(splitName('Smith, Mary')).toEqual({ firstName: 'Mary', lastName: 'Smith' });
    expect(readConsent('Yes')).toBe('granted');
    expect(readConsent('unsubscribed')).toBe('withdrawn');
  });

  it('takes off the quote an export puts before formula-like cells', () => {
    expect(unescapeCell("'=1+1")).toBe('=1+1');
    expect(unescapeCell("'-Pilot")).toBe('-Pilot');
    expect(unescapeCell("'tis")).toBe("'tis");
  });
});
