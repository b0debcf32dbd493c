import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMoney, isCurrencyCode, parseMoney } from './money';

describe('money', () => {
  it('knows the minor digits of each currency', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
  });

  it('parses what people type into exact minor units', () => {
    expect(parseMoney('12,500', 'EUR')).toBe(1_250_000);
    expect(parseMoney(' 1 200.5 ', 'USD')).toBe(120_050);
    expect(parseMoney('0.07', 'USD')).toBe(7);
    expect(parseMoney('5000', 'JPY')).toBe(5000);
  });

  it('says what is wrong with an amount it cannot read', () => {
    expect(() => parseMoney('', 'EUR')).toThrow(/empty/);
    expect(() => parseMoney('12.345', 'EUR')).toThrow(/at most 2 decimal places/);
    expect(() => parseMoney('ten', 'EUR')).toThrow(/"ten" is not an amount in EUR/);
  });

  it('formats minor units for display', () => {
    expect(formatMoney(1_250_000, 'EUR', { locale: 'en-US' })).toBe('€12,500');
    expect(formatMoney(120_050, 'USD', { locale: 'en-US' })).toBe('$1,200.50');
    expect(formatMoney(1_250_000_00, 'USD', { locale: 'en-US', compact: true })).toBe('$1.3M');
  });

  it('accepts only real ISO currency codes', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('EURO')).toBe(false);
  });
});
