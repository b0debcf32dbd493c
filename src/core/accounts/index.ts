/**
 * Accounts: the companies deals are sold to, renewed and grown, with their satisfaction answers.
 *
 * Methods: accounts.list, accounts.get, accounts.timeline, accounts.create, accounts.update,
 *          satisfaction.record
 * Tables:  accounts, satisfaction_responses
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { notImplemented } from '../notImplemented';
import { createAccount, listAccounts } from './accounts';

export const accountMethods = (ctx: CoreContext) =>
  ({
    'accounts.list': (input) => listAccounts(ctx, input),
    'accounts.get': notImplemented('accounts.get'),
    'accounts.timeline': notImplemented('accounts.timeline'),
    'accounts.create': (input) => createAccount(ctx, input),
    'accounts.update': notImplemented('accounts.update'),
    'satisfaction.record': notImplemented('satisfaction.record'),
  }) satisfies Partial<Handlers>;
