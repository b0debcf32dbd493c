/**
 * Accounts: the companies deals are sold to, renewed and grown, with their satisfaction answers
 * (CSAT and NPS) and everything that happened with their deals and people.
 *
 * Methods: accounts.list, accounts.get, accounts.timeline, accounts.create, accounts.update,
 *          satisfaction.record
 * Tables:  accounts, satisfaction_responses
 */
import { timeline } from '../activity';
import type { CoreContext } from '../context';
import type { Handlers } from '../handlers';
import { createAccount, getAccountDetail, listAccounts, updateAccount } from './accounts';
import { recordSatisfaction } from './satisfaction';

export const accountMethods = (ctx: CoreContext) =>
  ({
    'accounts.list': (input) => listAccounts(ctx, input),
    'accounts.get': (input) => getAccountDetail(ctx, input.id),
    'accounts.timeline': (input) => timeline(ctx, { accountId: input.id }),
    'accounts.create': (input) => createAccount(ctx, input),
    'accounts.update': (input) => updateAccount(ctx, input),
    'satisfaction.record': (input) => recordSatisfaction(ctx, input),
  }) satisfies Partial<Handlers>;
