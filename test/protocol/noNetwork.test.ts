import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LspClient } from './lspClient';

const root = path.resolve(__dirname, '../..');
const PRELOAD = path.join(root, 'test/helpers/noNetwork.cjs');
const GUARDED = { NODE_OPTIONS: `--require ${PRELOAD}` };
const MARK = 'RLENS-NETWORK-ATTEMPT';

describe('no network connections, ever', function () {
  this.timeout(60_000);

  it('the guard itself catches an attempt (so the checks below can fail)', () => {
    const run = spawnSync(process.execPath, ['-e', "try { require('net').connect(443, '127.0.0.1') } catch {} try { require('dns').lookup('example.com', () => {}) } catch {}"], { env: { ...process.env, ...GUARDED }, encoding: 'utf8' });
    assert.match(run.stderr, new RegExp(`${MARK} net\\.Socket\\.connect`));
    assert.match(run.stderr, new RegExp(`${MARK} dns\\.lookup`));
  });

  it('the CLI opens none: scan (every format), explain, matrix', () => {
    const cli = path.join(root, 'dist/cli.js');
    const runs = [
      ...['text', 'json', 'sarif', 'junit'].map((format) => ['scan', 'examples', '--format', format]),
      ['explain', 'examples', '--format', 'json'],
      ['matrix', '--format', 'json'],
    ];
    for (const args of runs) {
      const run = spawnSync(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, ...GUARDED }, encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.ok(run.stdout.length > 0, `${args.join(' ')} printed something`);
      assert.ok(!run.stderr.includes(MARK), `${args.join(' ')}: ${run.stderr.split('\n').find((l) => l.includes(MARK))}`);
    }
  });

  it('the language server opens none through a whole session', async () => {
    const client = await LspClient.start({ language: 'en' }, 'en', GUARDED, path.join(root, 'examples'));
    try {
      for (const relative of ['terraform/main.tf', 'terraform/providers.tf', 'ros/web-stack.ros.yaml', 'ros/terraform-workspace.ros.yaml']) {
        const file = path.join(root, 'examples', relative);
        const uri = `file://${file}`;
        await client.open(uri, file.endsWith('.tf') ? 'terraform' : 'yaml', fs.readFileSync(file, 'utf8'));
        const diagnostics = await client.diagnosticsFor(uri, 1);
        await client.inlayHints(uri);
        await client.codeLens(uri);
        for (const d of diagnostics.slice(0, 5)) {
          await client.hover(uri, d.range.start);
          await client.codeActions(uri, d.range, [d]);
        }
      }
      assert.ok(client.alive);
      const attempts = client.logs.filter((line) => line.includes(MARK));
      assert.deepStrictEqual(attempts, []);
    } finally {
      await client.stop();
    }
  });
});
