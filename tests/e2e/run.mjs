// ctest entry point for the browser tests: runs them with node's test runner, or exits 77
// (ctest's "skipped") when chromium or web/node_modules is missing.
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {missingPrerequisite} from './browser.mjs';

const missing = missingPrerequisite();
if (missing) {
  console.log(`skipped: ${missing}; run scripts/install-deps.sh`);
  process.exit(77);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const files = ['report.test.mjs', 'dashboard.test.mjs'].map((name) => path.join(here, name));
const run = spawnSync(process.execPath, ['--test', ...files], {stdio: 'inherit'});
process.exit(run.status ?? 1);
