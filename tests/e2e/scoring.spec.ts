import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { runCockpit } from '../helpers/cli';
import { expect, startHost, test } from './fixtures';

/** A folder to take screenshots into for review (`COCKPIT_SHOTS=/tmp/shots`), or none. */
const SHOTS = process.env.COCKPIT_SHOTS;
const TRANSCRIPTS = join(import.meta.dirname, '..', 'fixtures', 'transcripts');
const ATTACH = 'Attach a transcript (Deepgram, AssemblyAI, AWS Transcribe, WebVTT, SRT or text)';

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (error) => {
    throw error;
  });
});

async function firstRun(page: Page, url: string) {
  await page.goto(url);
  await page.getByLabel('Team name').fill('Northwind Sales');
  await page.getByLabel('Your name').fill('Rita Rep');
  await page.getByLabel('Work email').fill('rita@northwind.example');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** A deal with its contact, and a call logged on it an hour ago; ends on the call's page. */
async function openLoggedCall(page: Page, origin: string) {
  await page.getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Choose a CSV file').setInputFiles({
    name: 'deals.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Title,Company,Contact name,Contact email,Contact phone\r\n' +
        'Acme GmbH — Annual licence,Acme GmbH,Anna Schmidt,anna@acme.example,+49 30 1234567\r\n',
    ),
  });
  await page.getByRole('button', { name: 'Import 1 deal' }).click();
  await expect(page.getByRole('heading', { name: /^Imported 1 deal/ })).toBeVisible();
  await page.goto(`${origin}/#/deals`);
  await page.getByRole('link', { name: 'Acme GmbH — Annual licence' }).first().click();
  await page.getByRole('button', { name: /Log a past call/ }).click();
  const sheet = page.getByRole('dialog', { name: 'Log a past call' });
  await sheet.getByLabel('Minutes').fill('3');
  await sheet.getByLabel('Outcome').selectOption({ label: 'Connected' });
  await sheet.getByLabel('Notes').fill('Discovery call; she wants a demo with finance.');
  await sheet.getByRole('button', { name: 'Log call' }).click();
  await expect(sheet).toBeHidden();
  const history = page.getByRole('list', { name: 'Call history' });
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await history.getByRole('link', { name: /\d/ }).click();
  await expect(page.getByRole('heading', { name: 'Call with Anna Schmidt' })).toBeVisible();
}

/** The overall score the ring shows, read from its accessible name. */
async function overallScore(page: Page): Promise<number> {
  const label = await page
    .getByRole('img', { name: /^Overall score: \d+ out of 100/ })
    .getAttribute('aria-label');
  return Number(/(\d+) out of 100/.exec(label ?? '')![1]);
}

function dimension(page: Page, label: string): Locator {
  return page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: label, exact: true }) });
}

test('a rep attaches a transcript to a logged call: the score says why, evidence jumps to the transcript, and correcting the rep rescores it', async ({
  page,
  host,
}) => {
  await firstRun(page, host.url);
  const origin = new URL(host.url).origin;
  await openLoggedCall(page, origin);

  // No transcript yet: the page offers to attach one; the call's facts link to the deal.
  await expect(page.getByRole('heading', { name: 'No transcript yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Acme GmbH — Annual licence' })).toBeVisible();
  await page.getByLabel(ATTACH).setInputFiles(join(TRANSCRIPTS, 'deepgram-call.json'));

  // Scored at once, on this laptop, and it says so.
  await expect(page.getByRole('img', { name: /^Overall score: \d+ out of 100/ })).toBeVisible();
  await expect(page.getByTestId('scorer')).toHaveText(
    'Scored on this laptop by the local rules v1',
  );
  const before = await overallScore(page);
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThanOrEqual(100);

  // A dimension with its value, its score and the benchmark it is judged against, with its source.
  const talk = dimension(page, 'Talk ratio');
  await expect(talk).toContainText(/\d+%/);
  await expect(talk.getByRole('meter', { name: 'Talk ratio score' })).toHaveAttribute(
    'aria-valuenow',
    /^\d+(\.\d+)?$/,
  );
  await expect(talk).toContainText('Top reps talk 43% of the time');
  await expect(talk).toContainText('Source: Gong Labs');
  await expect(page.getByRole('region', { name: 'Coaching tips' })).toContainText('questions');

  // The transcript in lanes: Deepgram names nobody, so the rep is a guess, and the page says so.
  const transcript = page.getByRole('log', { name: 'Transcript' });
  await expect(transcript).toContainText('Thanks for making time today');
  await expect(page.getByLabel('Who is the rep?')).toHaveValue('Speaker 0');
  await expect(page.getByText(/A guess: the first speaker was taken to be the rep/)).toBeVisible();

  // Clicking a piece of evidence scrolls the transcript to it and highlights the line.
  const nextSteps = dimension(page, 'Next steps set');
  const chip = nextSteps
    .getByRole('list', { name: 'Evidence for Next steps set' })
    .getByRole('button')
    .first();
  await expect(chip).toContainText(/^\d\d:\d\d/);
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  const highlighted = transcript.locator('li[aria-current="true"]');
  await expect(highlighted).toHaveCount(1);
  await expect(highlighted).toContainText("I'll send a short proposal today");
  await expect(highlighted.locator('mark')).toBeVisible();
  await expect(highlighted).toBeInViewport();

  // The rep was the other speaker: correcting it rescores the call.
  await page.getByLabel('Who is the rep?').selectOption('Speaker 1');
  await expect(page.getByLabel('Who is the rep?')).toHaveValue('Speaker 1');
  await expect(page.getByText('Chosen by a person.')).toBeVisible();
  await expect
    .poll(() => overallScore(page), { message: 'the score follows the rep' })
    .not.toBe(before);

  // And again from the keyboard: R rescores with the current config.
  await page.keyboard.press('r');
  await expect(page.getByText(/^Scored again/)).toBeVisible();

  // The call is on the coaching tab, as Rita's.
  await page.goto(`${origin}/#/dashboard/coaching`);
  await expect(page.getByRole('heading', { name: 'Coaching' })).toBeVisible();
  const reps = page.getByRole('table', { name: 'Call scores per rep' });
  await expect(reps.getByRole('row', { name: /Rita Rep/ })).toContainText('1');
  await expect(page.getByTestId('score-histogram')).toHaveAttribute('aria-label', /: 1\b/);
});

test('a file that is not a transcript says what was tried and where it broke', async ({
  page,
  host,
}) => {
  await firstRun(page, host.url);
  await openLoggedCall(page, new URL(host.url).origin);

  await page.getByLabel(ATTACH).setInputFiles(join(TRANSCRIPTS, 'malformed-cue-time.vtt'));
  const problem = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(problem).toContainText('malformed-cue-time.vtt could not be read as a transcript');
  await expect(problem).toContainText('WebVTT');
  await expect(problem).toContainText('line 16');
  // Nothing was attached: the drop zone is still there, and a good file still works.
  await expect(page.getByRole('heading', { name: 'No transcript yet' })).toBeVisible();
  await page.getByLabel(ATTACH).setInputFiles(join(TRANSCRIPTS, 'call.srt'));
  await expect(page.getByRole('img', { name: /^Overall score: \d+ out of 100/ })).toBeVisible();
  await expect(problem).toBeHidden();
});

test('a two-hour call’s transcript keeps only the turns in view in the page, and evidence near its end is one click away', async ({
  page,
  host,
}) => {
  await firstRun(page, host.url);
  await openLoggedCall(page, new URL(host.url).origin);
  // 1,200 turns over two hours, the next step set in the last minutes.
  const lines: string[] = [];
  const stamp = (s: number) =>
    `${String(Math.floor(s / 3600))}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  for (let i = 0; i < 1_200; i++) {
    const speaker = i % 2 === 0 ? 'Alex Morgan' : 'Sofia Rossi';
    lines.push(`[${stamp(i * 6)}] ${speaker}: Turn ${i} of our long review of the rollout plan.`);
  }
  lines.push(
    `[${stamp(7_205)}] Alex Morgan: I'll send the summary today and book the kickoff for Thursday at two.`,
  );
  lines.push(`[${stamp(7_212)}] Sofia Rossi: Thursday at two works.`);
  await page.getByLabel(ATTACH).setInputFiles({
    name: 'long-call.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(lines.join('\n')),
  });
  const transcript = page.getByRole('log', { name: 'Transcript' });
  await expect(transcript).toHaveAttribute('data-virtualised-count', '1202');
  expect(await transcript.getByRole('listitem').count()).toBeLessThan(60);
  await expect(transcript).toContainText('Turn 0 of our long review');

  await dimension(page, 'Next steps set')
    .getByRole('list', { name: 'Evidence for Next steps set' })
    .getByRole('button')
    .first()
    .click();
  const highlighted = transcript.locator('li[aria-current="true"]');
  await expect(highlighted).toContainText('book the kickoff for Thursday at two');
  await expect(highlighted).toContainText('2:00:05');
  await expect(highlighted).toBeInViewport();
  expect(await transcript.getByRole('listitem').count()).toBeLessThan(60);
});

test('a manager changes the weights and competitors: every call is scored again', async ({
  page,
  host,
}) => {
  await firstRun(page, host.url);
  const origin = new URL(host.url).origin;
  await openLoggedCall(page, origin);
  await page.getByLabel(ATTACH).setInputFiles(join(TRANSCRIPTS, 'call-stamped.txt'));
  await expect(page.getByRole('img', { name: /^Overall score: \d+ out of 100/ })).toBeVisible();
  const before = await overallScore(page);
  const callUrl = page.url();

  await page.getByRole('link', { name: 'Call scoring' }).click();
  await expect(page.getByRole('heading', { name: 'Call scoring' })).toBeVisible();
  // Only questions count now, and Monday.com is a competitor.
  for (const label of [
    'Talk ratio',
    'Longest monologue',
    'Longest customer story',
    'Patience',
    'Speech rate',
    'Next steps set',
    'Objections handled',
    'Pricing discussed',
  ]) {
    await page.getByLabel(`${label} weight`, { exact: true }).fill('0');
  }
  await expect(
    page
      .getByRole('row', { name: /Questions asked/ })
      .getByRole('cell')
      .last(),
  ).toHaveText('100%');
  await page.getByRole('combobox', { name: 'Competitors' }).fill('Monday.com');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /Save changes/ }).click();
  await expect(page.getByText(/Saved as version 2: 1 call was scored again/)).toBeVisible();

  await page.goto(callUrl);
  await expect
    .poll(() => overallScore(page), { message: 'the call is scored with the new weights' })
    .not.toBe(before);
  // What no longer counts is still measured, under its own heading.
  await page.getByText(/^Also measured, not counted in the score/).click();
  await expect(dimension(page, 'Talk ratio')).toContainText('not counted');
  await expect(dimension(page, 'Competitor mentions')).toHaveCount(1);
});

test('with the remote scorer on, the call page says which scorer produced each number: the local rules when the endpoint is silent, the model when it answers', async ({
  page,
  host,
}) => {
  // An OpenAI-compatible endpoint on this machine: silent at first (it takes the request and
  // never answers), then answering with the rubric.
  let answering = false;
  const judged = (score: number, explanation: string) => ({ score, explanation, evidence: [] });
  const silent = createServer((request, response) => {
    if (!answering) return;
    request.resume();
    request.on('end', () => {
      const content = JSON.stringify({
        overall: 81,
        dimensions: {
          objectionHandling: judged(90, 'Acknowledged the price and asked what it is compared to.'),
          nextStepSpecificity: judged(85, 'A demo on a named day and time.'),
          discoveryQuality: judged(62, 'Asked about the team, not yet about budget.'),
        },
        tips: ['Ask who else decides before the demo.'],
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
    });
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as AddressInfo;
  try {
    await firstRun(page, host.url);
    const origin = new URL(host.url).origin;
    await page.getByRole('link', { name: 'Call scoring' }).click();
    await page.getByRole('switch', { name: /Use the remote scorer/ }).check();
    await page.getByLabel('Endpoint').fill(`http://127.0.0.1:${port}/v1`);
    await page.getByLabel('Model').fill('stub-model');
    await page.getByLabel('Timeout (seconds)').fill('1');
    await page.getByLabel('API key', { exact: true }).fill('sk-test-key');
    await page.keyboard.press('Control+s');
    await expect(page.getByText('Scoring settings saved')).toBeVisible();
    await expect(page.getByText('A key is saved on this laptop.')).toBeVisible();
    await expect(page.getByLabel('Endpoint')).toHaveValue(`http://127.0.0.1:${port}/v1`);

    await openLoggedCall(page, origin);
    await page.getByLabel(ATTACH).setInputFiles(join(TRANSCRIPTS, 'call.srt'));
    await expect(page.getByTestId('scorer')).toHaveText(
      'The remote scorer did not answer within 1 s; scored by the local rules v1',
    );
    await expect(page.getByRole('img', { name: /^Overall score: \d+ out of 100/ })).toBeVisible();

    // The endpoint answers now: rescored, the model's numbers say they are the model's.
    answering = true;
    await page.getByRole('button', { name: /Rescore/ }).click();
    await expect(page.getByTestId('scorer')).toHaveText(
      'Scored by stub-model (remote) with the local rules',
    );
    const nextSteps = dimension(page, 'Next steps set');
    await expect(nextSteps).toContainText('A demo on a named day and time.');
    await expect(nextSteps.getByTitle('This score comes from stub-model (remote)')).toBeVisible();
    await expect(
      dimension(page, 'Talk ratio').getByTitle(
        'This score comes from the local rules on this laptop',
      ),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Coaching tips' })).toContainText(
      'Ask who else decides before the demo.',
    );
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'call-page-remote-light.png') });
    }

    // Forgetting the key is one click, and says what will happen before it is saved.
    await page.getByRole('link', { name: 'Call scoring' }).click();
    await page.getByRole('button', { name: 'Forget the key' }).click();
    await expect(
      page.getByText('The key will be forgotten on this laptop when you save.'),
    ).toBeVisible();
    await page.getByRole('button', { name: /Save changes/ }).click();
    await expect(page.getByLabel('API key', { exact: true })).toHaveValue('');
  } finally {
    silent.closeAllConnections();
    silent.close();
  }
});

// Screenshots for review, light and dark: COCKPIT_SHOTS=/tmp/shots. A seeded team of four reps,
// with transcripts attached to a score of their connected calls, so the coaching tab has a story.
test('screenshots of the call page, the coaching tab and the scoring settings', async ({
  page,
}) => {
  test.skip(!SHOTS, 'set COCKPIT_SHOTS to a folder to take them');
  test.setTimeout(240_000);
  mkdirSync(SHOTS!, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-scoring-shots-'));
  const dbPath = join(dir, 'cockpit.db');
  const seeded = await runCockpit([
    'seed',
    '--db',
    dbPath,
    '--deals',
    '80',
    '--reps',
    '4',
    '--calls',
    '240',
  ]);
  expect(seeded.code, seeded.stderr).toBe(0);
  const db = new Database(dbPath);
  // The laptop is a sales manager's, who may attach transcripts to every rep's calls.
  const manager = db.prepare("SELECT id FROM users WHERE role = 'manager' LIMIT 1").get() as {
    id: string;
  };
  db.prepare(
    "INSERT OR REPLACE INTO local_settings (key, value) VALUES ('current_user_id', ?)",
  ).run(manager.id);
  const calls = db
    .prepare(
      `SELECT c.id, c.rep_id AS repId FROM calls c
       WHERE c.disposition IN ('connected', 'meeting-booked') AND c.ended_at IS NOT NULL
         AND c.deal_id IS NOT NULL AND c.started_at > ?
       ORDER BY c.started_at DESC`,
    )
    .all(Date.now() - 28 * 86_400_000) as { id: string; repId: string }[];
  db.close();
  let host = await startHost(dbPath);
  try {
    const origin = new URL(host.url).origin;
    await page.goto(host.url);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    // Four calls per rep, from the four fixtures; some with the rep the wrong way round.
    const files = [
      'deepgram-call.json',
      'call-stamped.txt',
      'teams-call.vtt',
      'aws-call.json',
      'zoom-call.vtt',
      'assemblyai-call.json',
      'call.srt',
      'three-speakers.vtt',
      'no-timestamps.txt',
      'overlapping-stereo.json',
    ];
    const perRep = new Map<string, number>();
    let attached = 0;
    for (const call of calls) {
      const n = perRep.get(call.repId) ?? 0;
      if (n >= 4) continue;
      perRep.set(call.repId, n + 1);
      await page.goto(`${origin}/#/calls/${call.id}`);
      await page
        .getByLabel(ATTACH)
        .setInputFiles(join(TRANSCRIPTS, files[(attached * 3 + n) % files.length]!));
      await expect(page.getByRole('img', { name: /^Overall score/ })).toBeVisible();
      if ((attached + n) % 3 === 2) {
        const rep = page.getByLabel('Who is the rep?');
        const other = await rep.locator('option:not(:checked)').first().getAttribute('value');
        await rep.selectOption(other!);
        await expect(page.getByText('Chosen by a person.')).toBeVisible();
      }
      attached++;
    }
    const shown = calls[0]!.id;
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((value) => localStorage.setItem('cockpit.theme', value), theme);
      await page.goto(`${origin}/#/calls/${shown}`);
      await page.reload();
      await expect(page.getByRole('img', { name: /^Overall score/ })).toBeVisible();
      await page.screenshot({ path: join(SHOTS!, `call-page-${theme}.png`) });
      const chips = page.getByRole('list', { name: /^Evidence for/ }).getByRole('button');
      await chips.nth(3).click();
      await page.screenshot({ path: join(SHOTS!, `call-page-evidence-${theme}.png`) });
      await page.setViewportSize({ width: 1440, height: 2600 });
      await page.screenshot({ path: join(SHOTS!, `call-page-tall-${theme}.png`) });
      await page.setViewportSize({ width: 1440, height: 1500 });

      await page.goto(`${origin}/#/dashboard/coaching`);
      await expect(page.getByTestId('score-histogram')).toBeVisible();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(SHOTS!, `coaching-${theme}.png`) });

      await page.goto(`${origin}/#/dashboard`);
      await expect(page.getByRole('heading', { name: 'Activity' })).toBeVisible();
      await page.getByRole('radio', { name: 'This week' }).click();
      await page.screenshot({ path: join(SHOTS!, `activity-scores-${theme}.png`) });

      await page.goto(`${origin}/#/settings/scoring`);
      await expect(page.getByRole('heading', { name: 'Call scoring' })).toBeVisible();
      await page.setViewportSize({ width: 1440, height: 1900 });
      await page.screenshot({ path: join(SHOTS!, `scoring-settings-${theme}.png`) });
      await page.setViewportSize({ width: 1440, height: 900 });
    }

    // The same team as one of its reps sees it: the settings read-only, someone else's call too.
    await host.stop();
    const again = new Database(dbPath);
    const rep = again
      .prepare("SELECT id FROM users WHERE role = 'rep' AND id != ? LIMIT 1")
      .get(calls[0]!.repId) as { id: string };
    again
      .prepare("INSERT OR REPLACE INTO local_settings (key, value) VALUES ('current_user_id', ?)")
      .run(rep.id);
    again.close();
    host = await startHost(dbPath);
    const repOrigin = new URL(host.url).origin;
    await page.goto(host.url);
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((value) => localStorage.setItem('cockpit.theme', value), theme);
      await page.goto(`${repOrigin}/#/settings/scoring`);
      await page.reload();
      await expect(
        page.getByText(/Only managers and admins can change how calls are scored/),
      ).toBeVisible();
      await page.screenshot({ path: join(SHOTS!, `scoring-settings-rep-${theme}.png`) });
      await page.goto(`${repOrigin}/#/calls/${shown}`);
      await expect(page.getByRole('img', { name: /^Overall score/ })).toBeVisible();
      await page.screenshot({ path: join(SHOTS!, `call-page-rep-readonly-${theme}.png`) });
    }
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
