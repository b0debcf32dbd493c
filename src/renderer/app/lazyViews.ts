import type { ComponentType } from 'react';

/**
 * The board, where reps land, is in the first bundle; every other view is fetched when it is
 * first opened (and while the browser is idle after the board has painted), so the first paint
 * waits for neither their code nor the libraries only they use (the table, CSV parsing, schemas).
 */
export const views = {
  deals: () => import('../features/table/DealsTablePage').then((m) => m.DealsTablePage),
  deal: () => import('../features/deals/DealPage').then((m) => m.DealPage),
  contacts: () => import('../features/contacts/ContactsPage').then((m) => m.ContactsPage),
  contact: () => import('../features/contacts/ContactPage').then((m) => m.ContactPage),
  accounts: () => import('../features/accounts/AccountsPage').then((m) => m.AccountsPage),
  account: () => import('../features/accounts/AccountPage').then((m) => m.AccountPage),
  campaigns: () => import('../features/campaigns/CampaignsPage').then((m) => m.CampaignsPage),
  import: () => import('../features/import/ImportPage').then((m) => m.ImportPage),
  stages: () => import('../features/settings/StagesPage').then((m) => m.StagesPage),
  teamSettings: () =>
    import('../features/settings/TeamSettingsPage').then((m) => m.TeamSettingsPage),
  sync: () => import('../features/sync/SyncPage').then((m) => m.SyncPage),
  reminders: () => import('../features/calls/RemindersPage').then((m) => m.RemindersPage),
  dashboard: () => import('../features/dashboard/DashboardPage').then((m) => m.DashboardPage),
  lifecycle: () => import('../features/dashboard/LifecyclePage').then((m) => m.LifecyclePage),
  call: () => import('../features/scoring/CallPage').then((m) => m.CallPage),
  coaching: () => import('../features/scoring/CoachingPage').then((m) => m.CoachingPage),
  scoringSettings: () =>
    import('../features/scoring/ScoringSettingsPage').then((m) => m.ScoringSettingsPage),
  handovers: () => import('../features/handover/HandoversPage').then((m) => m.HandoversPage),
  handover: () => import('../features/handover/HandoverPage').then((m) => m.HandoverPage),
  handoverPrint: () =>
    import('../features/handover/HandoverPrintPage').then((m) => m.HandoverPrintPage),
  handoverTemplate: () =>
    import('../features/handover/HandoverTemplatePage').then((m) => m.HandoverTemplatePage),
};

export function lazyView(load: () => Promise<ComponentType>) {
  return async () => ({ Component: await load() });
}

/** Fetch the other views' code once the first view has painted and the browser is idle. */
export function prefetchViews(): void {
  const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
  idle(() => {
    for (const load of Object.values(views)) void load().catch(() => undefined);
  });
}
