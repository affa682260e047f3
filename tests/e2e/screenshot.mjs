// Takes docs/screenshots/report.png: the report of the Berlin fixture with one cell selected.
// Usage: node tests/e2e/screenshot.mjs [path/to/parley]   (not a test; run by hand)
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {launchBrowser, openPage, repoRoot, writeReport} from './browser.mjs';

if (process.argv[2]) process.env.PARLEY_BIN = path.resolve(process.argv[2]);
const outputDir = mkdtempSync(path.join(tmpdir(), 'parley-screenshot-'));
const browser = await launchBrowser();
try {
  const report = writeReport('berlin-2025-12.json', outputDir);
  const {page} = await openPage(browser.context, `file://${report}`);
  await page.click('.heatmap button[data-actor="UKR"][data-issue="nato"]');
  const target = path.join(repoRoot, 'docs/screenshots/report.png');
  await page.screenshot({path: target, fullPage: true, clip: {x: 0, y: 0, width: 1280, height: 1560}});
  console.log(target);
} finally {
  await browser.close();
  rmSync(outputDir, {recursive: true, force: true});
}
