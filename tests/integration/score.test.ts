/** `cockpit score FILE`: a transcript scored by the local rules, without a database. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreLocally } from '../../src/shared/scoring/local';
import { assignRep, parseTranscript } from '../../src/shared/transcripts';
import { runCockpit } from '../helpers/cli';
import { TRANSCRIPTS, transcriptFixture } from '../helpers/scoringTeam';
import { tempDir } from '../helpers/tempDir';

const fixture = (name: string) => join(TRANSCRIPTS, name);

describe('cockpit score', () => {
  it('prints the overall score, every dimension with its value, score, benchmark and evidence, and the tips', async () => {
    const run = await runCockpit(['score', fixture('teams-call.vtt')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const expected = scoreLocally(parseTranscript(transcriptFixture('teams-call.vtt')));
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('teams-call.vtt · WebVTT · 14 lines · 01:58 · 2 speakers');
    expect(lines[1]).toBe('Rep: Sam Rivera (the first speaker; choose another with --rep NAME)');
    expect(run.stdout).toContain(`Overall score: ${expected.overall} / 100`);
    for (const dimension of expected.dimensions) {
      const row = lines.find((line) => line.startsWith(`${dimension.label} `));
      expect(row, dimension.label).toBeDefined();
      expect(row).toMatch(
        new RegExp(`score +${dimension.score === null ? '—' : dimension.score}  \\(`),
      );
      if (dimension.benchmark)
        expect(run.stdout).toContain(`Benchmark: ${dimension.benchmark.target}`);
    }
    const talk = lines.find((line) => line.startsWith('Talk ratio '))!;
    const ratio = expected.dimensions.find((d) => d.id === 'talkRatio')!.value!;
    expect(talk).toContain(`${Math.round(ratio * 100)}%`);
    expect(run.stdout).toMatch(/\n {4}\d\d:\d\d Sam Rivera: “/); // time-stamped evidence
    expect(expected.tips.length).toBeGreaterThan(0);
    expected.tips.forEach((tip, i) => expect(run.stdout).toContain(`  ${i + 1}. ${tip}`));
  });

  it('prints JSON with --json, and takes the rep from --rep (a speaker, or who introduces themselves)', async () => {
    const run = await runCockpit([
      'score',
      fixture('deepgram-call.json'),
      '--json',
      '--rep',
      'Sam',
    ]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as {
      file: string;
      transcript: { format: string; repSpeaker: string; repFoundBy: string; lines: number };
      score: ReturnType<typeof scoreLocally> & { dimensions: { source: string }[] };
    };
    expect(output.file).toBe('deepgram-call.json');
    expect(output.transcript).toMatchObject({
      format: 'deepgram',
      repSpeaker: 'Speaker 0',
      repFoundBy: 'introduction',
      lines: 15,
    });
    const expected = scoreLocally(
      assignRep(parseTranscript(transcriptFixture('deepgram-call.json')), 'Speaker 0'),
    );
    expect(output.score).toEqual({
      ...expected,
      dimensions: expected.dimensions.map((d) => ({ ...d, source: 'local' })),
    });

    const other = await runCockpit([
      'score',
      fixture('deepgram-call.json'),
      '--json',
      '--rep',
      'Speaker 1',
    ]);
    const swapped = JSON.parse(other.stdout) as typeof output;
    expect(swapped.transcript).toMatchObject({ repSpeaker: 'Speaker 1', repFoundBy: 'option' });
    expect(swapped.score.overall).not.toBe(output.score.overall);
  });

  it('reads a file as --format says, and a bad file prints where it broke and exits 1', async () => {
    const dir = tempDir();
    const noExtension = join(dir, 'export');
    writeFileSync(noExtension, transcriptFixture('call.srt'));
    const forced = await runCockpit(['score', noExtension, '--format', 'srt', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).transcript.format).toBe('srt');

    const broken = await runCockpit(['score', fixture('malformed-cue-time.vtt')]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr.trim()).toMatch(
      /^cockpit score: malformed-cue-time\.vtt: Read as WebVTT: line 16: the cue time '00:01:xx\.000 --> 00:01:09\.000' is not a time/,
    );
    const wrongFormat = await runCockpit(['score', fixture('call.srt'), '--format', 'deepgram']);
    expect(wrongFormat.code).toBe(1);
    expect(wrongFormat.stderr).toMatch(/Read as Deepgram JSON: /);
    const nobody = await runCockpit(['score', fixture('call.srt'), '--rep', 'Bob']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('its speakers: Jonas Berg, Maya López');
    const missing = await runCockpit(['score', join(dir, 'nope.vtt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('there is no such file');
  });
});
