import { describe, expect, it } from 'vitest';
import type { ContactRow } from '../../../shared/domain';
import { contactFieldFor, contactProblems, toPatch, valuesFromContact } from './contactForm';

const anna: ContactRow = {
  id: '0190f2a4-0000-7000-8000-000000000001',
  name: 'Anna Schmidt',
  firstName: 'Anna',
  lastName: 'Schmidt',
  email: 'anna@acme.example',
  phone: null,
  title: 'CFO',
  accountId: '0190f2a4-0000-7000-8000-000000000002',
  accountName: 'Acme',
  city: 'Berlin',
  country: 'DE',
  timeZone: 'Europe/Berlin',
  preferredChannel: 'email',
  consent: 'granted',
  consentAt: 1,
  ownerId: null,
  ownerName: null,
  createdAt: 1,
};

describe('contact form', () => {
  it('sends only the fields that changed; a cleared field becomes null', () => {
    const values = valuesFromContact(anna);
    expect(toPatch(anna, values, anna.accountId)).toEqual({});
    expect(toPatch(anna, { ...values, title: '  ', city: 'Munich ' }, anna.accountId)).toEqual({
      title: null,
      city: 'Munich',
    });
    expect(toPatch(anna, { ...values, preferredChannel: '' }, null)).toEqual({
      preferredChannel: null,
      accountId: null,
    });
  });

  it('puts an API error next to its field', () => {
    expect(contactFieldFor('patch.email')).toBe('email');
    expect(contactFieldFor('accountId')).toBe('account');
    expect(contactFieldFor('timeZone')).toBe('timeZone');
    expect(contactFieldFor('id')).toBeUndefined();
  });
});

describe('contact form checks', () => {
  it('names every problem at once, before any account is created', () => {
    const values = { ...valuesFromContact(anna), firstName: '', lastName: ' ', email: 'bad' };
    expect(contactProblems({ ...values, accountId: null, accountName: 'New Co' })).toEqual({
      email: 'expected an email address',
      firstName: 'a contact needs a first or a last name',
    });
    expect(contactProblems(valuesFromContact(anna))).toEqual({});
  });
});
