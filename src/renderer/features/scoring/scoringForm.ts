/**
 * The scoring settings form: what a manager edits (weights, competitors, the remote scorer and
 * this laptop's API key) as text fields, and back to a `scoring.update` input with an error per
 * field. Plain functions, tested without React.
 */
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import { DIMENSION_IDS, type DimensionId } from '../../../shared/scoring/config';

type Settings = MethodOutput<'scoring.settings'>;
export type ScoringUpdate = MethodInput<'scoring.update'>;

export interface ScoringForm {
  weights: Record<DimensionId, string>;
  competitors: string[];
  competitorDraft: string;
  remoteEnabled: boolean;
  endpoint: string;
  model: string;
  /** Seconds, as typed. */
  timeout: string;
  /** Keep this laptop's key, replace it with `apiKey`, or forget it. */
  keyAction: 'keep' | 'replace' | 'forget';
  apiKey: string;
}

export type ScoringFormField =
  `weights.${DimensionId}` | 'competitors' | 'endpoint' | 'model' | 'timeout' | 'apiKey';
export type ScoringFormErrors = Partial<Record<ScoringFormField, string>>;

function numberText(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '0';
}

export function toScoringForm(settings: Settings): ScoringForm {
  const weights = (settings.config.weights ?? {}) as Record<string, unknown>;
  const competitors = Array.isArray(settings.config.competitors)
    ? settings.config.competitors.filter((c): c is string => typeof c === 'string')
    : [];
  return {
    weights: Object.fromEntries(DIMENSION_IDS.map((id) => [id, numberText(weights[id])])) as Record<
      DimensionId,
      string
    >,
    competitors,
    competitorDraft: '',
    remoteEnabled: settings.remote.enabled,
    endpoint: settings.remote.endpoint,
    model: settings.remote.model,
    timeout: String(Math.round(settings.remote.timeoutMs / 100) / 10),
    keyAction: 'keep',
    apiKey: '',
  };
}

/** The weights as numbers where they read as one (for the live share of each). */
export function formWeights(form: ScoringForm): Record<DimensionId, number> {
  return Object.fromEntries(
    DIMENSION_IDS.map((id) => {
      const n = Number(form.weights[id].replace(',', '.'));
      return [id, Number.isFinite(n) && n >= 0 ? n : 0];
    }),
  ) as Record<DimensionId, number>;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The update to send for what changed since `settings`, or the errors that stop it. Only the parts
 * that changed are sent: a new config rescores every call, so it is not sent for a key change.
 */
export function fromScoringForm(
  form: ScoringForm,
  settings: Settings,
): { update: ScoringUpdate | null; errors: ScoringFormErrors } {
  const errors: ScoringFormErrors = {};
  const weights = {} as Record<DimensionId, number>;
  for (const id of DIMENSION_IDS) {
    const text = form.weights[id].trim().replace(',', '.');
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) errors[`weights.${id}`] = 'A number, such as 1.5';
    else if (n < 0 || n > 100) errors[`weights.${id}`] = 'From 0 (not counted) to 100';
    else weights[id] = n;
  }
  const competitors = [
    ...form.competitors,
    ...(form.competitorDraft.trim() ? [form.competitorDraft.trim()] : []),
  ];
  if (competitors.some((c) => c.length > 200))
    errors.competitors = 'A name is at most 200 characters';

  const endpoint = form.endpoint.trim();
  if (!isHttpUrl(endpoint))
    errors.endpoint = 'An http(s) address, such as https://api.openai.com/v1';
  const model = form.model.trim();
  if (!model) errors.model = 'Name the model, such as gpt-4o-mini';
  else if (model.length > 200) errors.model = 'At most 200 characters';
  const seconds = Number(form.timeout.trim().replace(',', '.'));
  if (form.timeout.trim() === '' || !Number.isFinite(seconds) || seconds < 1 || seconds > 120) {
    errors.timeout = 'From 1 to 120 seconds';
  }
  const apiKey = form.apiKey.trim();
  if (form.keyAction === 'replace' && !apiKey) errors.apiKey = 'Paste the key, or cancel';
  else if (apiKey.length > 500) errors.apiKey = 'At most 500 characters';
  if (Object.keys(errors).length > 0) return { update: null, errors };

  const update: ScoringUpdate = {};
  const current = settings.config;
  const currentWeights = (current.weights ?? {}) as Record<string, unknown>;
  const currentCompetitors = Array.isArray(current.competitors) ? current.competitors : [];
  const weightsChanged = DIMENSION_IDS.some((id) => currentWeights[id] !== weights[id]);
  const competitorsChanged = JSON.stringify(currentCompetitors) !== JSON.stringify(competitors);
  if (weightsChanged || competitorsChanged) {
    update.config = { ...current, weights: { ...currentWeights, ...weights }, competitors };
  }
  const timeoutMs = Math.round(seconds * 1000);
  const remote = settings.remote;
  if (
    form.remoteEnabled !== remote.enabled ||
    endpoint !== remote.endpoint ||
    model !== remote.model ||
    timeoutMs !== remote.timeoutMs
  ) {
    update.remote = { enabled: form.remoteEnabled, endpoint, model, timeoutMs };
  }
  if (form.keyAction === 'replace') update.apiKey = apiKey;
  if (form.keyAction === 'forget') update.apiKey = null;
  return { update: Object.keys(update).length > 0 ? update : null, errors };
}

/** A field the core named (`config.weights.talkRatio`, `remote.endpoint`) as the form's field. */
export function scoringFormField(field: string | undefined): ScoringFormField | undefined {
  if (!field) return undefined;
  const weight = /^config\.weights\.(\w+)/.exec(field);
  if (weight && (DIMENSION_IDS as readonly string[]).includes(weight[1]!)) {
    return `weights.${weight[1] as DimensionId}`;
  }
  if (field.startsWith('config.competitors')) return 'competitors';
  if (field === 'remote.endpoint') return 'endpoint';
  if (field === 'remote.model') return 'model';
  if (field === 'remote.timeoutMs') return 'timeout';
  if (field === 'apiKey') return 'apiKey';
  return undefined;
}
