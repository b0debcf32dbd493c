/** The fields a column can fill, as the mapping step shows them: name, whether required, a hint. */
import type { ImportField, ImportKind, ImportPreview } from '../../shared/contract';
import { fieldsOf } from './recognise';

export const FIELD_LABELS: Record<ImportField, string> = {
  title: 'Title',
  value: 'Value',
  currency: 'Currency',
  stage: 'Stage',
  status: 'Status',
  owner: 'Owner',
  account: 'Account',
  accountDomain: 'Account domain',
  contactName: 'Contact name',
  contactEmail: 'Contact email',
  contactPhone: 'Contact phone',
  expectedCloseAt: 'Expected close date',
  source: 'Source',
  nextStep: 'Next step',
  lostReason: 'Won/lost reason',
  createdAt: 'Created',
  name: 'Full name',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  city: 'City',
  country: 'Country',
  timeZone: 'Time zone',
  preferredChannel: 'Preferred channel',
  consent: 'Consent',
  startedAt: 'Started',
  startTime: 'Start time',
  endedAt: 'Ended',
  duration: 'Duration',
  direction: 'Direction',
  fromNumber: 'From number',
  toNumber: 'To number',
  rep: 'Rep',
  disposition: 'Outcome',
  answered: 'Answered',
  notes: 'Notes',
  callId: 'Dialer call id',
};

/** Contacts have a job title where deals have a name; a call's number is the other party's. */
export function fieldLabel(kind: ImportKind, field: ImportField): string {
  if (kind === 'contacts' && field === 'title') return 'Job title';
  if (kind === 'calls' && field === 'phone') return 'Customer number';
  return FIELD_LABELS[field];
}

export interface FieldContext {
  currency: string;
  stageNames: string[];
}

const DATE_HINT = 'a date: 2026-03-31, 31/03/2026 or Mar 31, 2026';

function hintFor(kind: ImportKind, field: ImportField, context: FieldContext): string {
  switch (field) {
    case 'title':
      return kind === 'deals'
        ? 'what the deal is called: “Acme — Annual licence”'
        : 'a job title: “Head of Operations”';
    case 'value':
      return 'an amount: 12500, 12,500.50 or 12.500,50 €';
    case 'currency':
      return `a code such as EUR or USD; ${context.currency} when empty`;
    case 'stage':
      return `a stage of the pipeline (${context.stageNames.join(', ')}); Pipedrive and HubSpot stage names work too`;
    case 'status':
      return 'open, won or lost; won and lost deals go to the Won and Lost stages';
    case 'owner':
      return 'a team member, by email or by name; you when empty';
    case 'account':
      return 'a company name; found by name, or created';
    case 'accountDomain':
      return 'the company’s web domain (acme.com); finds the account before its name does';
    case 'contactName':
      return 'the person the deal is with; found or created';
    case 'contactEmail':
    case 'email':
      return 'an email address; finds an existing contact';
    case 'contactPhone':
      return 'a phone number, as written';
    case 'phone':
      return kind === 'calls'
        ? 'the number of the person called or calling; finds their contact and open deal'
        : 'a phone number, as written';
    case 'expectedCloseAt':
    case 'createdAt':
      return DATE_HINT;
    case 'source':
      return 'where the deal came from: Website, Referral…';
    case 'nextStep':
      return 'what happens next: “Send proposal”';
    case 'lostReason':
      return 'why the deal was won or lost';
    case 'name':
      return 'first and last name in one column; or map First name and Last name';
    case 'firstName':
    case 'lastName':
      return 'part of the name; Full name fills what is missing';
    case 'city':
    case 'country':
      return 'as written';
    case 'timeZone':
      return 'a zone name such as Europe/Berlin';
    case 'preferredChannel':
      return 'call, email, SMS or chat';
    case 'consent':
      return 'granted or withdrawn (yes/no work too); unknown when empty';
    case 'startedAt':
      return 'when the call began: 2026-03-31 14:05, 31/03/2026 2:05 PM, with or without a zone';
    case 'startTime':
      return 'the time of day, when the date is in a column of its own: 14:05 or 2:05 PM';
    case 'endedAt':
      return 'when the call ended; or map Duration instead';
    case 'duration':
      return 'how long the call took: seconds (95), 01:35 or 0:01:35';
    case 'direction':
      return 'inbound or outbound (incoming, outgoing work too)';
    case 'fromNumber':
      return 'who called: the customer for inbound calls';
    case 'toNumber':
      return 'who was called: the customer for outbound calls';
    case 'rep':
      return 'the dialer user, by email or name; you when the file has no such column';
    case 'disposition':
      return 'answered, missed, voicemail, busy, no answer, completed… each dialer’s words';
    case 'answered':
      return 'yes or no, or the time it was answered; decides the outcome when there is none';
    case 'notes':
      return 'what was said: shown on the call';
    case 'callId':
      return 'the dialer’s id of the call; importing the same call twice adds it once';
  }
}

/** Deals need a title; contacts need a name, in one column or two; calls need their start. */
export function isRequired(kind: ImportKind, field: ImportField): boolean {
  if (kind === 'calls') return field === 'startedAt';
  return kind === 'deals' ? field === 'title' : field === 'name';
}

export function fieldSpecs(kind: ImportKind, context: FieldContext): ImportPreview['fields'] {
  return fieldsOf(kind).map((field) => ({
    field,
    label: fieldLabel(kind, field),
    required: isRequired(kind, field),
    hint: hintFor(kind, field, context),
  }));
}
