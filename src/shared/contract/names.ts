/**
 * The names of the contract's methods and events, without their schemas, for the Electron preload
 * script: it exposes one function per method and must stay small. `contract.ts` is checked against
 * these lists at compile time.
 */

export const METHOD_NAMES = [
  'app.info',
  'team.setup',
  'users.list',
  'stages.list',
  'stages.create',
  'stages.update',
  'stages.reorder',
  'stages.delete',
  'board.load',
  'board.cards',
  'deals.list',
  'deals.get',
  'deals.timeline',
  'deals.create',
  'deals.update',
  'deals.move',
  'deals.bulkUpdate',
  'notes.create',
  'notes.update',
  'notes.delete',
  'accounts.list',
  'accounts.get',
  'accounts.timeline',
  'accounts.create',
  'accounts.update',
  'satisfaction.record',
  'contacts.list',
  'contacts.get',
  'contacts.create',
  'contacts.update',
  'campaigns.list',
  'campaigns.create',
  'campaigns.update',
  'campaigns.delete',
  'campaigns.forDeal',
  'search.query',
  'views.list',
  'views.save',
  'views.delete',
  'import.start',
  'import.append',
  'import.preview',
  'import.run',
  'import.reps',
  'import.cancel',
  'export.deals',
  'export.contacts',
  'sync.status',
  'sync.createWorkspace',
  'sync.joinWorkspace',
  'sync.connectServer',
  'sync.dismissRefused',
  'sync.leave',
  'sync.now',
  'sync.conflicts',
  'sync.resolveConflict',
  'calls.start',
  'calls.end',
  'calls.log',
  'calls.list',
  'followUps.create',
  'followUps.list',
  'followUps.snooze',
  'followUps.done',
  'dashboard.activity',
  'dashboard.lifecycle',
  'settings.get',
  'settings.update',
  'presence.beat',
  'calls.get',
  'transcripts.import',
  'transcripts.setRep',
  'calls.rescore',
  'scoring.settings',
  'scoring.update',
  'scores.trend',
  'scores.distribution',
  'handover.template',
  'handover.updateTemplate',
  'handover.list',
  'handover.get',
  'handover.forDeal',
  'handover.updateSection',
  'handover.setOwner',
  'handover.submit',
  'handover.review',
  'handover.comment',
  'handover.resolveComment',
  'handover.decide',
  'handover.diff',
  'handover.exportMarkdown',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export const EVENT_NAMES = ['data.changed', 'import.progress', 'sync.status'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}

/** `deals.create` → `['deals', 'create']`. */
export function splitMethodName(method: MethodName): [string, string] {
  const dot = method.indexOf('.');
  return [method.slice(0, dot), method.slice(dot + 1)];
}
