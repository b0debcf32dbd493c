import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_CONFIG } from '../../../shared/scoring/config';
import { fromScoringForm, scoringFormField, toScoringForm } from './scoringForm';

const settings = {
  config: structuredClone(DEFAULT_SCORING_CONFIG) as unknown as Record<string, unknown>,
  configVersion: 1,
  problems: [],
  remote: {
    enabled: false,
    endpoint: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    timeoutMs: 20_000,
    hasKey: true,
  },
  canEdit: true,
};

describe('the scoring settings form', () => {
  it('sends nothing when nothing changed', () => {
    const form = toScoringForm(settings);
    expect(form.timeout).toBe('20');
    expect(form.weights.talkRatio).toBe('3');
    expect(fromScoringForm(form, settings)).toEqual({ update: null, errors: {} });
  });

  it('sends the whole config with the new weights and competitors, and only that', () => {
    const form = toScoringForm(settings);
    form.weights.talkRatio = '4,5';
    form.competitors = ['Salesforce'];
    form.competitorDraft = ' HubSpot ';
    const { update, errors } = fromScoringForm(form, settings);
    expect(errors).toEqual({});
    expect(update?.remote).toBeUndefined();
    expect(update?.apiKey).toBeUndefined();
    const config = update!.config as unknown as typeof DEFAULT_SCORING_CONFIG;
    expect(config.weights.talkRatio).toBe(4.5);
    expect(config.weights.questions).toBe(DEFAULT_SCORING_CONFIG.weights.questions);
    expect(config.competitors).toEqual(['Salesforce', 'HubSpot']);
    expect(config.bands).toEqual(DEFAULT_SCORING_CONFIG.bands);
  });

  it('sends the remote scorer in milliseconds, without rescoring for it', () => {
    const form = toScoringForm(settings);
    form.remoteEnabled = true;
    form.timeout = '7.5';
    const { update } = fromScoringForm(form, settings);
    expect(update).toEqual({
      remote: {
        enabled: true,
        endpoint: 'https://api.openai.com/v1',
        model: 'gpt-4o-mini',
        timeoutMs: 7500,
      },
    });
  });

  it('replaces or forgets this laptop’s key', () => {
    const form = toScoringForm(settings);
    form.keyAction = 'replace';
    form.apiKey = ' sk-new ';
    expect(fromScoringForm(form, settings).update).toEqual({ apiKey: 'sk-new' });
    form.keyAction = 'forget';
    expect(fromScoringForm(form, settings).update).toEqual({ apiKey: null });
    form.keyAction = 'replace';
    form.apiKey = '';
    expect(fromScoringForm(form, settings).errors.apiKey).toBe('Paste the key, or cancel');
  });

  it('names each field that is wrong', () => {
    const form = toScoringForm(settings);
    form.weights.questions = 'lots';
    form.weights.patience = '-1';
    form.endpoint = 'ftp://example.com';
    form.model = ' ';
    form.timeout = '500';
    const { update, errors } = fromScoringForm(form, settings);
    expect(update).toBeNull();
    expect(Object.keys(errors).sort()).toEqual([
      'endpoint',
      'model',
      'timeout',
      'weights.patience',
      'weights.questions',
    ]);
  });

  it('puts the core’s field names on the form’s fields', () => {
    expect(scoringFormField('config.weights.talkRatio')).toBe('weights.talkRatio');
    expect(scoringFormField('config.weights.nope')).toBeUndefined();
    expect(scoringFormField('config.competitors.3')).toBe('competitors');
    expect(scoringFormField('remote.timeoutMs')).toBe('timeout');
    expect(scoringFormField(undefined)).toBeUndefined();
  });
});
