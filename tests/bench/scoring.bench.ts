import { DEFAULT_SCORING_CONFIG } from '../../src/shared/scoring/config';
import { scoreLocally } from '../../src/shared/scoring/local';
import { generateCall } from '../../src/shared/scoring/generatedCall';
import { median, print } from './stats';

/** The local scorer on a 60-minute two-speaker call (~9,000 words in ~500 utterances). */
export function scoringBench(): void {
  const transcript = generateCall({ seed: 2026, minutes: 60 });
  const words = transcript.segments.reduce((sum, s) => sum + s.text.split(/\s+/).length, 0);
  const config = { ...DEFAULT_SCORING_CONFIG, competitors: ['Salesforce', 'HubSpot'] };
  const times: number[] = [];
  for (let run = 0; run < 9; run++) {
    // A copy each run, so that no run scores a transcript the engine has already seen.
    const copy = structuredClone(transcript);
    const started = performance.now();
    scoreLocally(copy, config);
    times.push(performance.now() - started);
  }
  print({
    name: 'score a 60-minute call locally',
    value: median(times),
    unit: 'ms',
    target: 200,
    runs: times.length,
    note: `${words} words in ${transcript.segments.length} utterances; first run ${Math.round(times[0]!)} ms`,
  });
}
