// `npm run test:e2e`: the extension's suite in a real VS Code (VS Code server from code-server + headless
// Chromium). Builds the bundles and the suite, opens a fresh copy of examples/ as the workspace, and runs
// the harness. `--update-screenshot` copies the hover screenshot to docs/images/ for the README.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(root);

execFileSync('bash', ['scripts/setup-e2e.sh'], { stdio: 'inherit' });
execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });

const suiteDir = path.join(root, 'test/e2e/suite');
await build({
  entryPoints: readdirSync(suiteDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(suiteDir, f)),
  outdir: path.join(root, 'out/e2e/suite'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
});

const workspace = mkdtempSync(path.join(tmpdir(), 'rlens-e2e-workspace-'));
cpSync(path.join(root, 'examples'), workspace, { recursive: true });
const resultsDir = path.join(root, 'test-results/e2e');
mkdirSync(resultsDir, { recursive: true });

const result = spawnSync(
  process.execPath,
  [
    'test/e2e/harness/run-code-server.mjs',
    '--extension', root,
    '--suite', path.join(root, 'out/e2e/suite/index.js'),
    '--workspace', workspace,
    '--results', path.join(resultsDir, 'results.json'),
    '--timeout-ms', '600000',
  ],
  { stdio: 'inherit' },
);

const screenshot = path.join(resultsDir, 'screenshots/hover-cidr-ip.png');
if (process.argv.includes('--update-screenshot') && existsSync(screenshot)) {
  mkdirSync('docs/images', { recursive: true });
  copyFileSync(screenshot, 'docs/images/hover-cidr-ip.png');
  console.log('updated docs/images/hover-cidr-ip.png');
}
process.exit(result.status ?? 1);
