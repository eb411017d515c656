import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../../server/src/cli/main';

const root = path.resolve(__dirname, '../../..');

describe('npm start', function () {
  this.timeout(300_000);

  it('summarises the annotations per file and ends with the scan of examples/: every finding on its own clickable line, then the counts', async () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    assert.strictEqual(scripts.start, 'node scripts/start.mjs');
    // The script as npm start runs it, minus building and packaging, with the CLI from source instead of dist/.
    const started = spawnSync(
      process.execPath,
      ['scripts/start.mjs', '--skip-build', '--skip-package', '--cli', 'server/src/cli/entry.ts', '--node-option', '--require', '--node-option', require.resolve('tsx/cjs')],
      { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' }, maxBuffer: 64 * 1024 * 1024 },
    );
    assert.strictEqual(started.status, 0, started.stderr);
    const lines = started.stdout.trimEnd().split('\n');

    let expected = '';
    await main(['scan', 'examples', '--format', 'json'], { stdout: (s) => (expected += s), stderr: () => undefined, cwd: root, env: {} });
    const findings = (JSON.parse(expected) as { findings: unknown[] }).findings.length;
    assert.ok(findings > 50, `examples/ has its findings (${findings})`);

    const findingLines = lines.filter((l) => /^examples\/\S+:\d+:\d+: (critical|high|medium|low) [a-z0-9-]+ \[[^\]]+\] /.test(l));
    assert.strictEqual(findingLines.length, findings, 'one clickable line per finding');
    assert.strictEqual(lines.at(-1), `${findings} finding(s), 0 suppressed, 0 error(s) in 12 file(s) scanned.`);
    assert.match(lines.at(-2) ?? '', /^ {2}By party: Customer \d+ · Shared \d+/);
    assert.deepStrictEqual(lines.slice(-7, -2).map((l) => l.replace(/\d+/, 'N')), ['Summary:', '  Critical: N', '  High: N', '  Medium: N', '  Low: N']);

    const from = lines.findIndex((l) => l.startsWith('▶ Who is responsible'));
    const to = lines.findIndex((l) => l.startsWith('▶ rlens scan examples'));
    assert.ok(from >= 0 && to > from, started.stdout.slice(0, 500));
    const annotationPart = lines.slice(from, to).filter((l) => l.trim() !== '');
    assert.ok(annotationPart.length <= 15, `the annotation part is short (${annotationPart.length} lines)`);
    for (const line of annotationPart) assert.ok(line.length <= 130, `${line.length}: ${line}`);
    assert.match(annotationPart.join('\n'), /examples\/terraform\/main\.tf +\d+ +Customer 客户 \d+/);
  });
});
