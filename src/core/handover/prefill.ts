/**
 * The first draft of a handover's sections, from what the team already wrote down: the deal and
 * its account, contacts, notes, calls, call scores and transcripts. Plain Markdown a person reads
 * and edits; everything inferred says where it came from ("From the note of 3 Nov (Ada): …"), and
 * quotes from calls link to their moment (`#/calls/<id>?t=<seconds>`). A section with nothing to
 * say stays empty, so a required one is still flagged as missing.
 */
import type { PrefillSource } from '../../shared/contract';
import type { CallDisposition } from '../../shared/domain/followUpRules';
import { formatMoney } from '../../shared/money';
import type { DealFacts } from './facts';

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const WEEKDAY = String.raw`(?:mon|tues|wednes|thurs|fri|satur|sun)day`;
/** "by 1 March", "by Friday", "by the end of Q2", "by next week", "by 2027-03-01". */
const BY_DATE = String.raw`by (?:the )?(?:(?:end|middle|start|beginning) of |mid[- ]|early |late |next |this )?(?:${MONTH}|${WEEKDAY}|q[1-4]|\d{1,2}(?:st|nd|rd|th)?(?!\s*(?:%|per ?cent)|[\d.,]\d)(?: ${MONTH})?|\d{4}-\d{2}(?:-\d{2})?|20\d{2}|week|month|quarter|year|tomorrow)`;

/** Sentences that say something a section needs, in the order a sentence is given out. */
const PATTERNS: readonly [PrefillSource, RegExp][] = [
  [
    'promises',
    new RegExp(
      String.raw`\b(?:promis\w*|commit(?:s|ted|ting|ments?)?|guarantee\w*|will deliver|we(?:'ll|’ll| will) (?:deliver|provide|set up|build|include|give|make sure|send|add|integrate)|${BY_DATE})\b`,
      'i',
    ),
  ],
  [
    'risks',
    /\b(?:risks?|risky|concern(?:s|ed)?|worr(?:y|ied|ies)|objections?|objected|blockers?|hesita\w*|push ?back|too expensive|budget|competitors?|churn\w*|unhappy|frustrat\w*|complain\w*|doubts?|skeptic\w*|sceptic\w*)\b/i,
  ],
  [
    'goals',
    /\b(?:goals?|success|successful|kpis?|want(?:s|ed)? to|aim(?:s|ing)? to|objectives?|looking to|need(?:s)? to)\b/i,
  ],
  [
    'stakeholders',
    /\b(?:champion|decision[- ]makers?|decides?|signs?|signed|signer|signatory|budget owner|stakeholders?|sponsor|procurement|legal|ceo|cfo|cto|coo|cio|vp|head of|director)\b/i,
  ],
  [
    'knowledge',
    /\b(?:demo(?:ed|s)?|trials?|pilot(?:s|ed)?|poc|proof of concept|showed|shown|walked (?:\w+ )?through|saw|seen|already (?:use|uses|using|knows?|has|have)|familiar|training|trained|webinar|sandbox|tried)\b/i,
  ],
  [
    'sold',
    /\b(?:seats?|licen[cs]es?|plans?|modules?|packages?|add[- ]ons?|tiers?|editions?|subscriptions?|discount\w*|per (?:month|year|user|seat)|annual(?:ly)?|price[ds]?)\b/i,
  ],
  [
    'timeline',
    /\b(?:go[- ]live|live by|launch\w*|kick[- ]?off|roll[- ]?out|onboarding|implementation|implement\w*|migrat\w*|start date|deadline|timeline|schedule\w*|cut[- ]?over)\b/i,
  ],
];

/** Titles that usually decide or sign. */
const DECIDER_TITLE =
  /\b(?:chief|ceo|cfo|cto|coo|cio|cro|vp|vice president|head of|director|owner|founder|president)\b/i;

/** A contract term in words: "12-month", "2 years", "annual". */
const TERM =
  /\b(\d{1,2})[- ]?(months?|years?|yrs?)\b|\b(annual|yearly|one[- ]year|two[- ]year|three[- ]year)\b/i;

/** The term in months a text names, if it names one. */
export function termMonths(text: string): number | null {
  const match = TERM.exec(text);
  if (!match) return null;
  if (match[1] && match[2]) {
    const n = Number(match[1]);
    if (n <= 0) return null;
    return /^y/i.test(match[2]) ? n * 12 : n;
  }
  const word = match[3]!.toLowerCase();
  if (word.startsWith('two')) return 24;
  if (word.startsWith('three')) return 36;
  return 12;
}

export function splitSentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z0-9“"(])/)
    .map((s) =>
      s
        .replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((s) => s.length >= 3);
}

/** The first section a sentence belongs to, if any. */
export function classify(sentence: string): PrefillSource | null {
  for (const [source, pattern] of PATTERNS) if (pattern.test(sentence)) return source;
  return null;
}

/** Whether a sentence says what a section needs, whatever else it says. */
function says(source: PrefillSource, sentence: string): boolean {
  return PATTERNS.find(([s]) => s === source)?.[1].test(sentence) ?? false;
}

/** A date in the team's zone: "3 Nov 2026". */
export function dateText(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone,
  }).format(ms);
}

/** Seconds into a call: "12:34", or "1:02:03" past an hour. */
export function clockText(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export const momentLink = (callId: string, seconds: number) =>
  `#/calls/${callId}?t=${Math.max(0, Math.floor(seconds))}`;

/** Markdown would read `*`, `_`, `[`… in a quote as formatting. */
function plain(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

const quote = (text: string) => `“${plain(text.trim().replace(/^["“]|["”]$/g, ''))}”`;

const DISPOSITIONS: Record<CallDisposition, string> = {
  connected: 'Connected',
  'no-answer': 'No answer',
  busy: 'Busy',
  voicemail: 'Left a voicemail',
  'wrong-number': 'Wrong number',
  'not-interested': 'Not interested',
  'meeting-booked': 'Meeting booked',
};

const dispositionText = (value: string | null) =>
  value
    ? (DISPOSITIONS[value as CallDisposition] ?? value.replaceAll('-', ' '))
    : 'No outcome logged';

type Lines = Record<PrefillSource, string[]>;

function emptyLines(): Lines {
  return {
    goals: [],
    stakeholders: [],
    sold: [],
    promises: [],
    knowledge: [],
    risks: [],
    timeline: [],
    highlights: [],
    none: [],
  };
}

/** Sentences of the notes and the calls' own notes and next steps, each in its section. */
function fromWrittenText(facts: DealFacts, lines: Lines): void {
  const day = (ms: number) => dateText(ms, facts.timeZone).replace(/ \d{4}$/, '');
  for (const note of facts.notes) {
    const source = `From the note of ${day(note.createdAt)}${note.authorName ? ` (${note.authorName})` : ''}`;
    for (const sentence of splitSentences(note.body)) {
      const section = classify(sentence);
      if (section) lines[section].push(`- ${source}: ${quote(sentence)}`);
    }
  }
  for (const call of facts.calls) {
    if (!call.notes) continue;
    const source = `From the notes of the call of ${day(call.startedAt)}`;
    for (const sentence of splitSentences(call.notes)) {
      const section = classify(sentence);
      if (section) lines[section].push(`- ${source}: ${quote(sentence)}`);
    }
  }
}

/** Quotes from transcripts: the rep's promises and the customer's goals, linked to the moment. */
function fromTranscripts(facts: DealFacts, lines: Lines): void {
  const day = (ms: number) => dateText(ms, facts.timeZone).replace(/ \d{4}$/, '');
  for (const call of facts.calls) {
    let promises = 0;
    let goals = 0;
    for (const segment of call.segments) {
      for (const sentence of splitSentences(segment.text)) {
        const where = `[call of ${day(call.startedAt)} at ${clockText(segment.start)}](${momentLink(call.id, segment.start)})`;
        if (segment.isRep && promises < 5 && says('promises', sentence)) {
          promises += 1;
          lines.promises.push(`- ${segment.speaker} on the ${where}: ${quote(sentence)}`);
        } else if (!segment.isRep && goals < 5 && says('goals', sentence)) {
          goals += 1;
          lines.goals.push(`- ${segment.speaker} on the ${where}: ${quote(sentence)}`);
        }
      }
    }
  }
}

/** The evidence the call scorer kept: next steps set, objections and how they were handled. */
function fromScores(facts: DealFacts, lines: Lines): void {
  const day = (ms: number) => dateText(ms, facts.timeZone).replace(/ \d{4}$/, '');
  for (const call of facts.calls) {
    for (const item of call.evidence) {
      const where = `[call of ${day(call.startedAt)} at ${clockText(item.start)}](${momentLink(call.id, item.start)})`;
      const who = item.speaker ? `${item.speaker}: ` : '';
      if (item.dimension === 'objectionsHandled') {
        lines.risks.push(
          `- ${item.note ? `${plain(item.note)} on the ` : 'Objection on the '}${where}: ${who}${quote(item.quote)}`,
        );
      } else if (item.dimension === 'nextSteps') {
        lines.timeline.push(`- Next step agreed on the ${where}: ${who}${quote(item.quote)}`);
      }
    }
  }
}

function soldFacts(facts: DealFacts): string[] {
  const { deal, account, campaign } = facts;
  const date = (ms: number) => dateText(ms, facts.timeZone);
  const out = [`- **Deal:** ${plain(deal.title)}`];
  out.push(`- **Price:** ${formatMoney(deal.valueMinor, deal.currency, { locale: 'en-GB' })}`);
  if (deal.closedAt !== null) {
    out.push(
      `- **Won:** ${date(deal.closedAt)}${deal.closeReason ? ` (${plain(deal.closeReason)})` : ''}`,
    );
  }
  const noted = facts.notes.map((n) => n.body).join('\n');
  const months = termMonths(noted);
  if (account?.renewalAt != null) {
    const term =
      deal.closedAt !== null
        ? Math.round((account.renewalAt - deal.closedAt) / (30.44 * 86_400_000))
        : null;
    out.push(
      term !== null && term > 0
        ? `- **Term:** about ${term} months (inferred: from the won date to the renewal date)`
        : '- **Term:** ',
    );
    out.push(`- **Renewal date:** ${date(account.renewalAt)} (from the account)`);
  } else if (months !== null) {
    out.push(`- **Term:** ${months} months (inferred from the notes)`);
    out.push('- **Renewal date:** ');
  } else {
    out.push('- **Term:** ', '- **Renewal date:** ');
  }
  if (campaign) {
    const price =
      campaign.priceMinor !== null && campaign.currency
        ? ` at ${formatMoney(campaign.priceMinor, campaign.currency, { locale: 'en-GB' })}`
        : '';
    out.push(
      `- **Campaign:** ${plain(campaign.name)}${campaign.offer ? ` — ${plain(campaign.offer)}` : ''}${price}`,
    );
  }
  if (account) {
    const about = [
      account.industry,
      account.employees !== null ? `${account.employees.toLocaleString('en-GB')} employees` : null,
      [account.city, account.country].filter(Boolean).join(', ') || account.region,
    ].filter(Boolean);
    out.push(
      `- **Customer:** ${plain(account.name)}${about.length ? ` (${about.join(' · ')})` : ''}`,
    );
  }
  return out;
}

function stakeholderFacts(facts: DealFacts): string[] {
  return facts.contacts.map((contact) => {
    const reach = [contact.email, contact.phone].filter(Boolean).join(' · ');
    const prefers = contact.preferredChannel ? `prefers ${contact.preferredChannel}` : '';
    const details = [contact.title, reach, prefers].filter(Boolean).map((t) => plain(t!));
    const roles: string[] = [];
    if (contact.id === facts.deal.contactId)
      roles.push('Likely champion: the deal’s main contact.');
    if (contact.title && DECIDER_TITLE.test(contact.title)) {
      roles.push('Likely decision maker (by title).');
    }
    return `- **${plain(contact.name || 'Unnamed contact')}**${details.length ? ` — ${details.join(' · ')}` : ''}${roles.length ? ` _${roles.join(' ')}_` : ''}`;
  });
}

function timelineFacts(facts: DealFacts): string[] {
  const { deal, account } = facts;
  const date = (ms: number) => dateText(ms, facts.timeZone);
  const out: string[] = [];
  if (deal.closedAt !== null) out.push(`- **Won:** ${date(deal.closedAt)}`);
  if (deal.nextStep) out.push(`- **Next step on the deal:** ${plain(deal.nextStep)}`);
  const day = (ms: number) => date(ms).replace(/ \d{4}$/, '');
  for (const call of facts.calls) {
    // Ending a call copies its next step onto the deal: said once is enough.
    if (call.nextStep && call.nextStep !== deal.nextStep) {
      out.push(`- Next step from the call of ${day(call.startedAt)}: ${quote(call.nextStep)}`);
    }
  }
  if (account?.renewalAt != null) out.push(`- **Renewal:** ${date(account.renewalAt)}`);
  return out;
}

function knowledgeFacts(facts: DealFacts): string[] {
  const out: string[] = [];
  const date = (ms: number) => dateText(ms, facts.timeZone);
  if (facts.stageMoves.length > 0) {
    const path = facts.stageMoves
      .filter((m) => m.stageName)
      .map((m) => `${plain(m.stageName)} (${date(m.movedAt)})`);
    if (path.length > 0) out.push(`- **Sales path:** ${path.join(' → ')}`);
  }
  const connected = facts.calls.filter((c) => c.disposition === 'connected');
  if (facts.calls.length > 0) {
    const last = facts.calls[facts.calls.length - 1]!;
    out.push(
      `- **Calls:** ${facts.calls.length} (${connected.length} connected), the last on ${date(last.startedAt)}`,
    );
  }
  if (facts.campaign) out.push(`- **Came through the campaign:** ${plain(facts.campaign.name)}`);
  return out;
}

function highlightFacts(facts: DealFacts): string[] {
  const date = (ms: number) => dateText(ms, facts.timeZone);
  // Newest first; the calls that connected are the ones worth listening to.
  return [...facts.calls]
    .reverse()
    .slice(0, 10)
    .map((call) => {
      const minutes =
        call.endedAt !== null
          ? Math.max(0, Math.round((call.endedAt - call.startedAt) / 60_000))
          : null;
      const parts = [
        dispositionText(call.disposition),
        minutes !== null ? `${minutes} min` : null,
        call.repName ? plain(call.repName) : null,
        call.contactName ? `with ${plain(call.contactName)}` : null,
        call.score !== null ? `score ${Math.round(call.score)}` : null,
      ].filter(Boolean);
      const lines = [
        `- [Call of ${date(call.startedAt)}](#/calls/${call.id}) · ${parts.join(' · ')}`,
      ];
      if (call.nextStep) lines.push(`  - Next step: ${quote(call.nextStep)}`);
      for (const item of call.evidence.slice(0, 4)) {
        const label = item.dimension === 'nextSteps' ? 'Next step' : (item.note ?? 'Objection');
        lines.push(
          `  - ${plain(label)} at [${clockText(item.start)}](${momentLink(call.id, item.start)}): ${quote(item.quote)}`,
        );
      }
      return lines.join('\n');
    });
}

/** Put the facts first, then what was inferred, with a blank line between them. */
function join(facts: string[], inferred: string[]): string {
  return [facts.join('\n'), inferred.join('\n')].filter(Boolean).join('\n\n');
}

/** The first draft of every prefill source, as Markdown ('' when there is nothing to say). */
export function prefillSections(facts: DealFacts): Record<PrefillSource, string> {
  const lines = emptyLines();
  fromWrittenText(facts, lines);
  fromTranscripts(facts, lines);
  fromScores(facts, lines);
  return {
    goals: join([], lines.goals),
    stakeholders: join(stakeholderFacts(facts), lines.stakeholders),
    sold: join(soldFacts(facts), lines.sold),
    promises: join([], lines.promises),
    knowledge: join(knowledgeFacts(facts), lines.knowledge),
    risks: join([], lines.risks),
    timeline: join(timelineFacts(facts), lines.timeline),
    highlights: join(highlightFacts(facts), []),
    none: '',
  };
}
