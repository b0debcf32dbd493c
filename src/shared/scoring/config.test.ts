import { describe, expect, it } from 'vitest';
import { scoreOnBand } from './bands';
import { DEFAULT_SCORING_CONFIG, readScoringConfig, scoringConfigSchema } from './config';

const stored = () => JSON.parse(JSON.stringify(DEFAULT_SCORING_CONFIG)) as Record<string, unknown>;

describe('scoreOnBand', () => {
  const talk = DEFAULT_SCORING_CONFIG.bands.talkRatio;
  it.each([
    [0.1, 0], // below the first point: its score
    [0.2, 0],
    [0.29, 50], // halfway from 0.20 (0) to 0.38 (100)
    [0.43, 100],
    [0.5, 100],
    [0.625, 50], // halfway from 0.50 (100) to 0.75 (0)
    [0.75, 0],
    [0.9, 0],
  ])('talk ratio %f scores %i', (value, score) => {
    expect(scoreOnBand(talk, value)).toBe(score);
  });
});

describe('the default config', () => {
  it('passes its own schema and reads back without a problem', () => {
    expect(scoringConfigSchema.safeParse(DEFAULT_SCORING_CONFIG).success).toBe(true);
    const { config, problems } = readScoringConfig(stored());
    expect(problems).toEqual([]);
    expect(config).toEqual(DEFAULT_SCORING_CONFIG);
  });

  it('names its sources and weights: informational dimensions count 0', () => {
    const { weights } = DEFAULT_SCORING_CONFIG;
    expect(weights.fillerWords).toBe(0);
    expect(weights.interactivity).toBe(0);
    expect(weights.competitorMentions).toBe(0);
    expect(weights.talkRatio).toBeGreaterThan(0);
  });
});

describe('readScoringConfig', () => {
  it('keeps every readable field of a manager-edited config', () => {
    const raw = stored();
    (raw.weights as Record<string, number>).questions = 5;
    (raw.bands as Record<string, unknown>).talkRatio = [
      [0.3, 0],
      [0.45, 100],
      [0.6, 0],
    ];
    raw.competitors = ['Salesforce', 'HubSpot'];
    raw.version = 4;
    const { config, problems } = readScoringConfig(raw);
    expect(problems).toEqual([]);
    expect(config.version).toBe(4);
    expect(config.weights.questions).toBe(5);
    expect(config.bands.talkRatio).toEqual([
      [0.3, 0],
      [0.45, 100],
      [0.6, 0],
    ]);
    expect(config.competitors).toEqual(['Salesforce', 'HubSpot']);
  });

  it('replaces each unreadable field by its default, names it, and keeps the rest', () => {
    const raw = stored();
    raw.version = 'two';
    (raw.weights as Record<string, unknown>).talkRatio = -1;
    (raw.weights as Record<string, unknown>).questions = 4;
    (raw.bands as Record<string, unknown>).patience = [
      [2, 100],
      [1, 0],
    ];
    (raw.bands as Record<string, unknown>).speechRate = [[170, 100]];
    (raw.rules as Record<string, unknown>).nextStepWindow = 0;
    delete ((raw.lexicons as Record<string, unknown>).objections as Record<string, unknown>).price;
    raw.competitors = 'Salesforce';
    raw.theme = 'dark';
    const { config, problems } = readScoringConfig(raw);
    expect(config.version).toBe(1);
    expect(config.weights.talkRatio).toBe(DEFAULT_SCORING_CONFIG.weights.talkRatio);
    expect(config.weights.questions).toBe(4);
    expect(config.bands.patience).toEqual(DEFAULT_SCORING_CONFIG.bands.patience);
    expect(config.bands.speechRate).toEqual(DEFAULT_SCORING_CONFIG.bands.speechRate);
    expect(config.rules.nextStepWindow).toBe(0.2);
    expect(config.lexicons.objections.price).toEqual(
      DEFAULT_SCORING_CONFIG.lexicons.objections.price,
    );
    expect(config.competitors).toEqual([]);
    expect(problems).toEqual([
      'version must be a whole number from 1; using 1',
      'weights.talkRatio is not valid (Too small: expected number to be >=0); using the default',
      'bands.patience is not valid (point values must rise); using the default',
      'bands.speechRate is not valid (needs at least two points); using the default',
      'rules.nextStepWindow is not valid (Too small: expected number to be >0); using the default',
      'lexicons.objections.price is missing; using the default',
      'competitors is not valid (Invalid input: expected array, received string); using the default',
      'theme is not a known setting; ignored',
    ]);
  });

  it('fills dimensions a newer default added, and ignores ones it does not know', () => {
    const raw = stored();
    delete (raw.weights as Record<string, unknown>).pricingDiscussed;
    (raw.weights as Record<string, unknown>).laughter = 2;
    const { config, problems } = readScoringConfig(raw);
    expect(config.weights.pricingDiscussed).toBe(DEFAULT_SCORING_CONFIG.weights.pricingDiscussed);
    expect(problems).toEqual([
      'weights.pricingDiscussed is missing; using the default',
      'weights.laughter is not a known setting; ignored',
    ]);
  });

  it.each([null, 'text', 42, []])('falls back to the defaults for %j', (raw) => {
    const { config, problems } = readScoringConfig(raw);
    expect(config).toEqual(DEFAULT_SCORING_CONFIG);
    expect(problems).toEqual(['the scoring config is not an object; using the defaults']);
  });

  it('falls back group by group when a whole group is missing or wrong', () => {
    const raw = stored();
    delete raw.lexicons;
    raw.bands = 'none';
    const { config, problems } = readScoringConfig(raw);
    expect(config.lexicons).toEqual(DEFAULT_SCORING_CONFIG.lexicons);
    expect(config.bands).toEqual(DEFAULT_SCORING_CONFIG.bands);
    expect(problems).toEqual([
      'bands is not an object; using the defaults',
      'lexicons is missing; using the defaults',
    ]);
  });

  it('never shares arrays with the defaults, so editing a result cannot change them', () => {
    const { config } = readScoringConfig(null);
    config.bands.talkRatio[0]![1] = 50;
    config.lexicons.fillers.push('so');
    expect(DEFAULT_SCORING_CONFIG.bands.talkRatio[0]![1]).toBe(0);
    expect(DEFAULT_SCORING_CONFIG.lexicons.fillers).not.toContain('so');
  });
});
