/**
 * Accounts: the companies deals are sold to and renewed with.
 *
 * Methods: accounts.list, accounts.create
 * Tables:  accounts, satisfaction_responses
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { createAccount, listAccounts } from './accounts';

export const accountMethods = (ctx: CoreContext) =>
  ({
    'accounts.list': (input) => listAccounts(ctx, input),
    'accounts.create': (input) => createAccount(ctx, input),
  }) satisfies Partial<Handlers>;
