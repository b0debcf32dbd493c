/**
 * Contacts: the people at accounts, with what a personal approach needs (role, place, time zone,
 * preferred channel, consent) and their engagement history.
 *
 * Methods: contacts.list, contacts.get, contacts.create, contacts.update
 * Tables:  contacts
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { createContact, getContactDetail, listContacts, updateContact } from './contacts';

export const contactMethods = (ctx: CoreContext) =>
  ({
    'contacts.list': (input) => listContacts(ctx, input),
    'contacts.get': (input) => getContactDetail(ctx, input.id),
    'contacts.create': (input) => createContact(ctx, input),
    'contacts.update': (input) => updateContact(ctx, input),
  }) satisfies Partial<Handlers>;

export { CONTACT_COLUMNS, CONTACT_JOINS } from './contacts';
