// End-to-end: the offline HTML report in headless chromium.
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';

import {execFileSync} from 'node:child_process';

import {fixture, launchBrowser, openPage, parleyBinary, writeReport} from './browser.mjs';

let browser;
let outputDir;

before(async () => {
  outputDir = mkdtempSync(path.join(tmpdir(), 'parley-e2e-report-'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  rmSync(outputDir, {recursive: true, force: true});
});

test('the report opens offline with its heat map, forecasts, timeline and stories', async () => {
  const report = writeReport('berlin-2025-12.json', outputDir);
  const {page, problems, requests} = await openPage(browser.context, `file://${report}`);
  assert.deepEqual(requests, [`file://${report}`], 'the report requests nothing but itself');
  assert.equal(await page.locator('.heatmap tbody tr').count(), 7);
  assert.equal(await page.locator('.heatmap thead th').nth(1).textContent(), 'Ukraine and NATO');
  assert.equal(await page.locator('.heatmap tbody th').first().textContent(), 'Ukraine UKR');
  assert.equal(await page.locator('.forecast-card').count(), 5);
  assert.equal(await page.locator('.forecast-card canvas').count(), 10);
  assert.equal(await page.locator('[data-testid="timeline"] > li').count(), 5);
  assert.equal(await page.locator('.story').count(), 4);
  assert.match(await page.locator('[data-testid="ktab-csv"]').textContent(),
      /^ukraine-2025,Ending the Russia-Ukraine war \(talks of 2025\),7,5\nActor,Description,Power,nato Position/);
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.click('[data-testid="export-ktab"]')]);
  assert.equal(download.suggestedFilename(), 'ukraine-2025-ktab.csv');
  const csv = readFileSync(await download.path(), 'utf8').split('\n');
  assert.equal(csv[2], 'UKR,Ukraine,45,70,90,25,100,95,95,10,80,5,60');
  assert.equal(csv[7], 'GBR,United Kingdom,35,30,45,40,0,80,75,50,0,60,0');
  assert.deepEqual(problems, []);
});

test('a click on a heat-map cell shows its position, range, salience and evidence', async () => {
  const report = writeReport('berlin-2025-12.json', outputDir);
  const {page, problems} = await openPage(browser.context, `file://${report}`);
  await page.click('.heatmap button[data-actor="UKR"][data-issue="nato"]');
  const details = page.locator('#details');
  assert.equal(await details.locator('h3').textContent(), 'Ukraine on Ukraine and NATO');
  assert.equal(await page.locator('[data-testid="detail-position"]').textContent(),
      '70 — aspiration dropped for guarantees');
  assert.match(await details.textContent(), /Range55–85Salience90/);
  const evidence = page.locator('[data-testid="evidence"] li');
  assert.equal(await evidence.count(), 2);
  assert.match(await evidence.nth(1).textContent(),
      /Zelensky said Ukraine could set its NATO bid aside .*Kyiv Ledger, 2025-12-15/);
  assert.equal(await evidence.nth(1).locator('a').getAttribute('href'),
      'https://example.org/kyiv-ledger/nato-bid');
  assert.deepEqual(problems, []);
});

test('a hostile article stays inert text in the report', async () => {
  const report = writeReport('hostile.json', outputDir);
  const {page, problems} = await openPage(browser.context, `file://${report}`);
  await page.click('.heatmap button[data-actor="UKR"][data-issue="nato"]');
  await page.click('.heatmap button[data-actor="EU"][data-issue="assets"]');
  await page.click('.heatmap button[data-actor="UKR"][data-issue="nato"]');
  assert.notEqual(await page.evaluate(() => document.title), 'pwned');
  assert.equal(await page.locator('#app img, #app script, #app b').count(), 0);
  const evidence = await page.locator('[data-testid="evidence"]').textContent();
  assert.match(evidence, /<img src=x onerror="document.title='pwned'">/, 'shown as text');
  // The forum article's "javascript:" link is not made clickable.
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  assert.match(await page.locator('.heatmap tbody tr').nth(6).textContent(), /EU <img src=x/);
  assert.deepEqual(problems, []);
});

test('the headline model leads with its sensitivity, and an issue without evidence says what is missing', async () => {
  const snapshot = JSON.parse(readFileSync(fixture('berlin-2025-12.json'), 'utf8'));
  snapshot.forecasts = snapshot.forecasts.filter((forecast) => forecast.issue !== 'assets');
  for (const forecast of snapshot.forecasts) {
    if (forecast.model !== 'median') continue;
    forecast.headline = true;
    if (forecast.issue === 'nato') {
      forecast.leans_on_priors = ['GBR'];
      forecast.sensitivity = [{actor: 'UKR', input: 'position', swing: 12.5},
        {actor: 'RUS', input: 'salience', swing: 4}];
    }
  }
  snapshot.no_forecast = [{issue: 'assets', missing: 'needs evidence from an actor at or above 50; evidence only from RUS (10)'}];
  const input = path.join(outputDir, 'withheld.json');
  const report = path.join(outputDir, 'withheld.html');
  writeFileSync(input, JSON.stringify(snapshot));
  execFileSync(parleyBinary(), ['--quiet', 'report', '--snapshot', input, '-o', report]);
  const {page, problems} = await openPage(browser.context, `file://${report}`);
  const nato = page.locator('[data-testid="forecast-nato"] tbody tr');
  assert.equal(await nato.first().locator('th').textContent(), 'median (headline)');
  assert.match(await nato.first().locator('td').first().textContent(), /\*$/);
  assert.equal(await page.locator('[data-testid="sensitivity-nato"]').textContent(),
      "Moves most with: position of Ukraine (12.5 points), salience of Russia (4.0 points).");
  assert.equal(await page.locator('[data-testid="no-forecast-assets"]').textContent(),
      'Frozen Russian assetsNot enough evidence: needs evidence from an actor at or above 50; evidence only from RUS (10).');
  assert.equal(await page.locator('.forecast-card canvas').count(), 8);
  assert.deepEqual(problems, []);
});
