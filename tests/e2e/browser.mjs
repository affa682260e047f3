// Starts Debian's chromium through playwright-core (from web/node_modules) with a fresh
// profile, and collects page errors and console errors so tests can assert there were none.
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const chromiumPath = process.env.PARLEY_CHROMIUM || '/usr/bin/chromium';
const playwrightDir = path.join(repoRoot, 'web/node_modules/playwright-core');

// Why the browser tests cannot run here, or null when they can. scripts/install-deps.sh
// installs chromium and runs `npm ci` in web/.
export function missingPrerequisite() {
  if (!existsSync(chromiumPath)) return `${chromiumPath} not found`;
  if (!existsSync(playwrightDir)) return 'web/node_modules/playwright-core not installed';
  return null;
}

async function loadChromium() {
  const require = createRequire(path.join(repoRoot, 'web/package.json'));
  return require('playwright-core').chromium;
}

// Returns {context, close}. The profile directory is removed on close.
export async function launchBrowser() {
  const chromium = await loadChromium();
  const profile = mkdtempSync(path.join(tmpdir(), 'parley-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: {width: 1280, height: 900},
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, {recursive: true, force: true});
    },
  };
}

// Opens `url` in a new page that records errors and every request the page makes.
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => requests.push(request.url()));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    dialog.dismiss();
  });
  await page.goto(url);
  return {page, problems, requests};
}

// The parley binary under test: $PARLEY_BIN, else build/parley.
export function parleyBinary() {
  return process.env.PARLEY_BIN || path.join(repoRoot, 'build/parley');
}
export const fixture = (name) => path.join(repoRoot, 'testdata/report', name);

// Writes a report from a snapshot fixture and returns its path.
export function writeReport(snapshotName, outputDir) {
  const output = path.join(outputDir, snapshotName.replace(/\.json$/, '.html'));
  execFileSync(parleyBinary(), ['--quiet', 'report', '--snapshot', fixture(snapshotName), '-o', output]);
  return output;
}

// Starts `parley serve` over a snapshot fixture on a free loopback port; resolves to {url, stop}.
export function startServer(snapshotName) {
  return serve(['serve', '--snapshot', fixture(snapshotName)]);
}

// Analyses the fixture articles of testdata/positions into a new SQLite store in `dir`;
// returns its path.
export function analyzeIntoStore(dir) {
  const store = path.join(dir, 'team.db');
  execFileSync(parleyBinary(), ['--quiet', '--db', store, 'analyze', '--scenario', 'ukraine-2025',
    path.join(repoRoot, 'testdata/positions')]);
  return store;
}

// Starts `parley serve --db` over a store, as a team's dashboard; resolves to {url, stop}.
export function startStoreServer(store) {
  return serve(['--db', store, 'serve', '--scenario', 'ukraine-2025']);
}

function serve(args) {
  const child = spawn(parleyBinary(), ['--jsonl', '--quiet', ...args, '--port', '0'],
      {stdio: ['ignore', 'pipe', 'inherit']});
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const newline = output.indexOf('\n');
      if (newline < 0) return;
      const {url} = JSON.parse(output.slice(0, newline));
      resolve({
        url,
        stop: () => new Promise((done) => {
          child.once('exit', done);
          child.kill('SIGTERM');
        }),
      });
    });
    child.once('exit', (code) => reject(new Error(`parley serve exited with ${code}`)));
  });
}
