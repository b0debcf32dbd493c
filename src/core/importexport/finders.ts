/**
 * Finding what a cell names in the workspace: a stage of the pipeline (by its name, or by the
 * default stage names of Pipedrive and HubSpot) and a team member (by email or name).
 */
import type { Stage } from '../../shared/domain';
import { defaultStageId } from '../pipeline/defaults';
import { Bad, quote } from './values';

export interface TeamMember {
  id: string;
  name: string;
  email: string;
}

const stageKey = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();

/**
 * The default stage names of Pipedrive (current and older pipelines) and HubSpot, and the words
 * people use, as keys of our default stages. HubSpot's internal ids ("closedwon") appear in some
 * exports, so they are here too.
 */
const STAGE_ALIASES: Record<string, string> = {
  'lead in': 'new-lead',
  lead: 'new-lead',
  leads: 'new-lead',
  new: 'new-lead',
  'new lead': 'new-lead',
  idea: 'new-lead',
  prospect: 'new-lead',
  'contact made': 'contacted',
  'appointment scheduled': 'contacted',
  appointmentscheduled: 'contacted',
  'qualified to buy': 'qualified',
  qualifiedtobuy: 'qualified',
  'needs defined': 'qualified',
  'needs discovered': 'qualified',
  discovery: 'qualified',
  'demo scheduled': 'demo',
  'presentation scheduled': 'demo',
  presentationscheduled: 'demo',
  'proposal made': 'proposal',
  'proposal presented': 'proposal',
  'proposal sent': 'proposal',
  'decision maker bought in': 'proposal',
  decisionmakerboughtin: 'proposal',
  'negotiations started': 'negotiation',
  'in negotiation': 'negotiation',
  negotiating: 'negotiation',
  'contract sent': 'negotiation',
  contractsent: 'negotiation',
  'closed won': 'won',
  closedwon: 'won',
  'closed lost': 'lost',
  closedlost: 'lost',
};

export class StageFinder {
  private readonly byName = new Map<string, Stage>();
  private readonly byId = new Map<string, Stage>();
  readonly firstOpen: Stage | undefined;
  readonly won: Stage | undefined;
  readonly lost: Stage | undefined;
  private readonly names: string;
  /** Files repeat a handful of stage names over and over. */
  private readonly found = new Map<string, Stage | Bad>();

  constructor(stages: readonly Stage[]) {
    for (const stage of stages) {
      this.byId.set(stage.id, stage);
      const key = stageKey(stage.name);
      if (!this.byName.has(key)) this.byName.set(key, stage);
    }
    this.firstOpen = stages.find((s) => s.kind === 'open');
    this.won = stages.find((s) => s.kind === 'won');
    this.lost = stages.find((s) => s.kind === 'lost');
    this.names = stages.map((s) => s.name).join(', ');
  }

  find(text: string): Stage | Bad {
    let stage = this.found.get(text);
    if (stage === undefined) {
      stage = this.lookUp(text);
      if (this.found.size < 1_000) this.found.set(text, stage);
    }
    return stage;
  }

  private lookUp(text: string): Stage | Bad {
    for (const candidate of [
      text,
      text.replace(/\s*\(.*\)\s*$/, ''),
      text.replace(/^.*[:›>]\s*/, ''),
    ]) {
      const key = stageKey(candidate);
      if (!key) continue;
      const own = this.byName.get(key);
      if (own) return own;
      const alias = STAGE_ALIASES[key];
      if (alias) {
        const stage =
          this.byId.get(defaultStageId(alias)) ??
          (alias === 'won' ? this.won : alias === 'lost' ? this.lost : undefined);
        if (stage) return stage;
      }
      if (key === 'won' && this.won) return this.won;
      if (key === 'lost' && this.lost) return this.lost;
    }
    return new Bad(`Stage ${quote(text)} is not a stage of this pipeline (${this.names})`);
  }
}

const personKey = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

export class OwnerFinder {
  private readonly byEmail = new Map<string, string>();
  private readonly byName = new Map<string, string[]>();
  private readonly roster: string;

  /** `label` names the column in messages: Owner, or Rep for a call log. */
  constructor(
    users: readonly TeamMember[],
    private readonly label = 'Owner',
  ) {
    for (const user of users) {
      this.byEmail.set(user.email.toLowerCase(), user.id);
      const key = personKey(user.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), user.id]);
    }
    const names = users.map((u) => u.name);
    this.roster =
      names.length === 0
        ? 'the team has no members yet'
        : names.length > 5
          ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`
          : names.join(', ');
  }

  find(text: string): string | Bad {
    const key = personKey(text);
    const byEmail = this.byEmail.get(key);
    if (byEmail) return byEmail;
    const named = this.byName.get(key) ?? [];
    if (named.length === 1) return named[0]!;
    if (named.length > 1) {
      return new Bad(
        `${this.label} ${quote(text)} names ${named.length} team members; use their email`,
      );
    }
    return new Bad(`${this.label} ${quote(text)} is not a team member (${this.roster})`);
  }
}
