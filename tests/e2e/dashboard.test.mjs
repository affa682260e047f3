// End-to-end: the live dashboard of `parley serve` in headless chromium.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {launchBrowser, openPage, startServer} from './browser.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

function territoryForecast(page, model) {
  return page.locator(`[data-testid="forecast-territory"] td[data-model="${model}"]`).textContent();
}

test('moving a what-if slider re-forecasts the issue', async () => {
  const server = await startServer('berlin-2025-12.json');
  try {
    const {page, problems} = await openPage(browser.context, server.url);
    assert.equal(await territoryForecast(page, 'compromise'), '58.0');
    await page.click('.heatmap button[data-actor="RUS"][data-issue="territory"]');
    await page.locator('[data-testid="whatif-position"]').fill('40');
    await page.waitForFunction(() => document.body.dataset.whatifMs !== undefined);
    // Russia at 40 instead of 90 pulls the capability x salience weighted mean down.
    assert.equal(await territoryForecast(page, 'compromise'), '42.7');
    // The headline model leads, and the inputs that move it most follow the what-if.
    assert.equal(await page.locator('[data-testid="forecast-territory"] tbody th').first().textContent(),
        'compromise (headline)');
    assert.match(await page.locator('[data-testid="sensitivity-territory"]').textContent(),
        /^Moves most with: position of Russia \(6\.1 points\), /);
    assert.match(await page.locator('#whatif-status').textContent(), /^Re-forecast in \d+ ms\.$/);
    const elapsed = Number(await page.evaluate(() => document.body.dataset.whatifMs));
    console.log(`what-if end to end: ${elapsed.toFixed(1)} ms`);
    assert.ok(await page.locator('.whatif-banner').isVisible());
    await page.click('text=Reset all what-ifs');
    assert.equal(await territoryForecast(page, 'compromise'), '58.0');
    assert.deepEqual(problems, []);
  } finally {
    await server.stop();
  }
});

test('a hostile article stays inert in the live dashboard', async () => {
  const server = await startServer('hostile.json');
  try {
    const {page, problems} = await openPage(browser.context, server.url);
    await page.click('.heatmap button[data-actor="UKR"][data-issue="nato"]');
    await page.locator('[data-testid="whatif-salience"]').fill('20');
    await page.waitForFunction(() => document.body.dataset.whatifMs !== undefined);
    assert.notEqual(await page.evaluate(() => document.title), 'pwned');
    assert.equal(await page.locator('#app img, #app script, #app b').count(), 0);
    assert.match(await page.locator('[data-testid="evidence"]').textContent(), /<script>document/);
    assert.deepEqual(problems, []);
  } finally {
    await server.stop();
  }
});
