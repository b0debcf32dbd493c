import { describe, expect, it } from 'vitest';
import type { Deal } from '../../../shared/domain';
import { FormError, formFieldFor, mergeUntouched, toPatch, valuesFromDeal } from './dealForm';

const deal: Deal = {
  id: '0190f2a4-0000-7000-8000-000000000001',
  title: 'Acme — Pro plan',
  accountId: '0190f2a4-0000-7000-8000-000000000002',
  accountName: 'Acme',
  contactId: null,
  contactName: null,
  stageId: '0190f2a4-0000-7000-8000-000000000003',
  ownerId: null,
  ownerName: null,
  valueMinor: 1_250_050,
  currency: 'EUR',
  status: 'open',
  closeReason: null,
  expectedCloseAt: null,
  nextStep: null,
  followUpAt: null,
  source: null,
  stageEnteredAt: 0,
  lastActivityAt: 0,
  createdAt: 0,
  updatedAt: 0,
};

describe('deal form', () => {
  it('round-trips a deal and sends only what changed', () => {
    const values = valuesFromDeal(deal);
    expect(values.value).toBe('12500.50');
    expect(toPatch(deal, values, deal.accountId)).toEqual({});
    expect(
      toPatch(deal, { ...values, title: 'Acme — Enterprise', value: '13,000' }, deal.accountId),
    ).toEqual({
      title: 'Acme — Enterprise',
      valueMinor: 1_300_000,
    });
  });

  it('names the amount field when it cannot read the amount', () => {
    expect(() => toPatch(deal, { ...valuesFromDeal(deal), value: '12.345' }, null)).toThrow(
      'at most 2 decimal places',
    );
    let caught: unknown;
    try {
      toPatch(deal, { ...valuesFromDeal(deal), value: 'twelve' }, null);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FormError);
    expect((caught as FormError).field).toBe('value');
  });

  it('puts API errors under the right input', () => {
    expect(formFieldFor('patch.valueMinor')).toBe('value');
    expect(formFieldFor('accountId')).toBe('account');
    expect(formFieldFor(undefined)).toBeUndefined();
  });
});

describe('mergeUntouched', () => {
  it('takes the record’s new values for fields the user left alone, and keeps what they typed', () => {
    const before = { title: 'Fleet rollout', nextStep: 'Call', value: '100' };
    const typing = { ...before, nextStep: 'Send the proposal' };
    const arrived = { title: 'Fleet rollout 2027', nextStep: 'Book a demo', value: '100' };
    expect(mergeUntouched(typing, before, arrived)).toEqual({
      title: 'Fleet rollout 2027',
      nextStep: 'Send the proposal',
      value: '100',
    });
    expect(mergeUntouched(before, before, arrived)).toEqual(arrived);
  });
});
