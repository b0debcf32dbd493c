/**
 * Contacts: the people at accounts, with what a personal approach needs.
 *
 * Methods: contacts.list, contacts.get, contacts.create, contacts.update
 * Tables:  contacts
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { notImplemented } from '../notImplemented';

export const contactMethods = (ctx: CoreContext) => {
  void ctx;
  return {
    'contacts.list': notImplemented('contacts.list'),
    'contacts.get': notImplemented('contacts.get'),
    'contacts.create': notImplemented('contacts.create'),
    'contacts.update': notImplemented('contacts.update'),
  } satisfies Partial<Handlers>;
};
