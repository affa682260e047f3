// Takes docs/screenshots/report.png with one heat-map cell selected: of REPORT.html when given
// (e.g. the report `make demo` writes), else of the Berlin fixture snapshot.
// Usage: node tests/e2e/screenshot.mjs [path/to/parley] [REPORT.html]   (not a test; run by hand)
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {launchBrowser, openPage, repoRoot, writeReport} from './browser.mjs';

const args = process.argv.slice(2);
const givenReport = args.find((arg) => arg.endsWith('.html'));
const binary = args.find((arg) => !arg.endsWith('.html'));
if (binary) process.env.PARLEY_BIN = path.resolve(binary);
const outputDir = mkdtempSync(path.join(tmpdir(), 'parley-screenshot-'));
const browser = await launchBrowser();
try {
  const report = givenReport ? path.resolve(givenReport) : writeReport('berlin-2025-12.json', outputDir);
  const {page} = await openPage(browser.context, `file://${report}`);
  await page.click('.heatmap button[data-actor="UKR"][data-issue="nato"]');
  const target = path.join(repoRoot, 'docs/screenshots/report.png');
  await page.screenshot({path: target, fullPage: true, clip: {x: 0, y: 0, width: 1280, height: 1560}});
  console.log(target);
} finally {
  await browser.close();
  rmSync(outputDir, {recursive: true, force: true});
}
