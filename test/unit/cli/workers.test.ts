import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, type CliIo } from '../../../server/src/cli/main';
import { directoryGroups, plannedWorkers, type WorkerEntry } from '../../../server/src/cli/workers';
import { collectFiles } from '../../../server/src/cli/files';

/**
 * `rlens scan --workers N` with real worker threads. In process, the workers run the TypeScript entry through
 * tsx (as the tests do), so they test this source and not a stale bundle; one test runs the built dist/cli.js,
 * which is also its workers' script.
 */
const root = path.resolve(__dirname, '../../..');
const SOURCE_WORKER: WorkerEntry = { file: path.join(root, 'server/src/cli/entry.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function rlens(cwd: string, args: readonly string[], io: Partial<CliIo> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, env: { LANG: 'en_US.UTF-8' }, workerEntry: SOURCE_WORKER, ...io });
  return { code, stdout, stderr };
}

const CUSTOM_RULE = `rules:
  - id: team-instance-described
    family: network
    severity: low
    item: network.network-type
    title: { en: Instance described, zh: 实例有描述 }
    message: { en: The instance has a description, zh: 实例有描述 }
    rationale: { en: r, zh: r }
    remediation: { en: f, zh: f }
    references: []
    xref: { checkov: [], kics: [], infraguard: [], trivy: [] }
    terraform:
      - types: [alicloud_instance]
        when: { path: instance_name, matches: '.' }
`;

/**
 * A workspace of many module folders: the examples, every rule fixture (one folder per rule), 40 generated
 * files in 4 modules, files that cannot be read or parsed; a custom rule and a contract with a waiver.
 */
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-workers-'));
  fs.cpSync(path.join(root, 'examples'), path.join(dir, 'examples'), { recursive: true });
  fs.cpSync(path.join(root, 'test/fixtures/rules'), path.join(dir, 'fixtures'), { recursive: true });
  execFileSync(process.execPath, [path.join(root, 'bench/generate-workspace.mjs'), path.join(dir, 'generated'), '40']);
  fs.mkdirSync(path.join(dir, 'odd'));
  fs.writeFileSync(path.join(dir, 'odd/broken.tf'), 'resource "alicloud_instance" "web" {\n  instance_name = 1 +\n}\n');
  fs.writeFileSync(path.join(dir, 'odd/binary.tf'), Buffer.from([0x72, 0x00, 0x01, 0x02, 0xff]));
  fs.writeFileSync(path.join(dir, 'odd/large.tf'), `variable "x" {\n  default = "${'a'.repeat(25_000)}"\n}\n`);
  fs.mkdirSync(path.join(dir, '.rlens/rules'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.rlens/rules/team.yaml'), CUSTOM_RULE);
  fs.writeFileSync(
    path.join(dir, 'contract.yaml'),
    'waivers:\n  - { rule: oss-bucket-public-acl, expires: 2099-12-31, reason: static site }\n  - { rule: sg-ingress-open-sensitive-port, expires: 2000-01-01, reason: old }\n',
  );
  return dir;
}

describe('rlens scan --workers', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = workspace();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the workspace has many folders, so that --workers 2 really starts two workers', () => {
    const files = collectFiles([dir], () => assert.fail('missing'));
    assert.ok(files.length > 200, `${files.length} files`);
    assert.ok(directoryGroups(files).length > 50);
    assert.strictEqual(plannedWorkers(2, files), 2);
  });

  for (const format of ['json', 'sarif', 'junit', 'text']) {
    it(`--workers 2 writes byte for byte what --workers 1 writes: ${format}`, async () => {
      const args = ['scan', dir, '--format', format, '--contract', 'contract.yaml', '--max-file-size-kb', '20'];
      const one = await rlens(dir, [...args, '--workers', '1']);
      const two = await rlens(dir, [...args, '--workers', '2']);
      assert.strictEqual(one.code, 1, one.stderr);
      assert.strictEqual(two.code, one.code);
      assert.strictEqual(two.stderr, one.stderr);
      assert.ok(two.stdout === one.stdout, `${format} output differs between 1 and 2 workers`);
      if (format === 'json') {
        const report = JSON.parse(one.stdout) as { findings: { ruleId: string; file: string; suppressed?: { by: string } }[]; errors: { file: string }[] };
        // The workers applied the custom rule, the contract and the size limit, and listed the odd files.
        assert.ok(report.findings.length > 300, `${report.findings.length} findings`);
        assert.ok(report.findings.some((f) => f.ruleId === 'team-instance-described'), 'custom rule');
        assert.ok(report.findings.some((f) => f.ruleId === 'oss-bucket-public-acl' && f.suppressed?.by === 'contract waiver'), 'waiver');
        assert.ok(report.findings.some((f) => f.ruleId === 'contract-waiver-expired'), 'expired waiver');
        assert.deepStrictEqual(report.errors.map((e) => e.file).filter((f) => f.startsWith('odd/')), ['odd/binary.tf', 'odd/broken.tf', 'odd/large.tf']);
        assert.ok(new Set(report.findings.map((f) => f.file.split('/')[0])).size >= 3, 'findings from several top folders');
      }
    });
  }

  it('shows the same progress bar with workers on a terminal', async () => {
    const args = ['scan', path.join(dir, 'generated'), path.join(dir, 'examples'), '--no-color'];
    const total = collectFiles([path.join(dir, 'generated'), path.join(dir, 'examples')], () => assert.fail('missing')).length;
    const one = await rlens(dir, [...args, '--workers', '1'], { isTTY: true });
    const two = await rlens(dir, [...args, '--workers', '2'], { isTTY: true });
    assert.ok(two.stderr.endsWith(`\r[${'#'.repeat(30)}] ${total}/${total}\n`), JSON.stringify(two.stderr.slice(-60)));
    assert.strictEqual(two.stderr, one.stderr);
    assert.strictEqual(two.stdout, one.stdout);
  });

  it('--workers auto and more workers than folders give the same report', async () => {
    const args = ['scan', path.join(dir, 'examples'), '--format', 'json'];
    const one = await rlens(dir, [...args, '--workers', '1']);
    for (const workers of ['auto', '8']) {
      const other = await rlens(dir, [...args, '--workers', workers]);
      assert.deepStrictEqual([other.code, other.stdout, other.stderr], [one.code, one.stdout, one.stderr], workers);
    }
  });

  it('keeps the exit codes: 0 below the threshold, 1 at it, 2 for a missing path', async () => {
    const fixtures = path.join(dir, 'fixtures');
    assert.strictEqual((await rlens(dir, ['scan', path.join(fixtures, 'actiontrail-logging-disabled/negative.tf'), path.join(fixtures, 'apigateway-api-allows-http/negative.tf'), '--workers', '2'])).code, 0);
    const generated = path.join(dir, 'generated');
    assert.strictEqual((await rlens(dir, ['scan', generated, '--workers', '2', '--severity-threshold', 'low'])).code, 1);
    const missing = await rlens(dir, ['scan', generated, 'no-such-dir', '--workers', '2']);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /^rlens: Cannot read no-such-dir/);
  });

  it('refuses a --workers value that is not a whole number from 1 to 64 or auto, in the user\'s language', async () => {
    for (const value of ['0', '-1', '1.5', 'two', '65', '', '2x', ' 2']) {
      const { code, stdout, stderr } = await rlens(dir, ['scan', 'examples', `--workers=${value}`]);
      assert.strictEqual(code, 2, value);
      assert.strictEqual(stdout, '');
      assert.strictEqual(stderr, `rlens: Invalid value "${value}" for --workers; expected one of: a whole number from 1 to 64, or auto\n`);
    }
    const zh = await rlens(dir, ['scan', 'examples', '--workers', '0', '--lang', 'zh-cn']);
    assert.strictEqual(zh.code, 2);
    assert.strictEqual(zh.stderr, 'rlens: --workers 的取值“0”无效；可选：1 到 64 的整数，或 auto\n');
    assert.strictEqual((await rlens(dir, ['scan', 'examples', '--workers'])).code, 2, 'a missing value');
  });

  it('plans no more workers than folders, and with auto one per core and per 100 files', () => {
    const files = (dirs: number, each: number) => Array.from({ length: dirs * each }, (_, i) => `/w/m${Math.floor(i / each)}/f${i}.tf`);
    assert.strictEqual(plannedWorkers(4, files(3, 10)), 3);
    assert.strictEqual(plannedWorkers(2, files(1, 500)), 1, 'one folder: the main thread scans');
    assert.strictEqual(plannedWorkers('auto', files(5, 10), 8), 1, '50 files');
    assert.strictEqual(plannedWorkers('auto', files(50, 10), 8), 5, '500 files');
    assert.strictEqual(plannedWorkers('auto', files(100, 10), 2), 2, 'two cores');
    assert.deepStrictEqual(directoryGroups(['a/1.tf', 'b/1.tf', 'a/2.tf']), [[0, 2], [1]]);
  });

  describe('a worker that fails', () => {
    let scripts: string;
    before(() => {
      scripts = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-bad-workers-'));
      fs.writeFileSync(path.join(scripts, 'throws.js'), "throw new Error('cannot load the engine');\n");
      fs.writeFileSync(path.join(scripts, 'exits.js'), 'process.exit(3);\n');
      fs.writeFileSync(path.join(scripts, 'quits.js'), '// returns at once without answering\n');
      // These two start as the real worker does, then fail on the first files they are sent.
      const ready = "const { parentPort } = require('worker_threads');\nparentPort.postMessage({ type: 'ready', setup: { problems: [], fatal: null, rules: [], expiredWaivers: [] } });\n";
      fs.writeFileSync(path.join(scripts, 'reports.js'), `${ready}parentPort.on('message', (m) => parentPort.postMessage({ type: 'failed', file: m.files[0].file, message: 'parser crashed' }));\n`);
      fs.writeFileSync(path.join(scripts, 'dies-later.js'), `${ready}parentPort.on('message', () => { throw new Error('out of luck'); });\n`);
    });
    after(() => fs.rmSync(scripts, { recursive: true, force: true }));

    const scan = (script: string, ...more: string[]) => rlens(dir, ['scan', path.join(dir, 'generated'), '--workers', '2', ...more], { workerEntry: { file: path.join(scripts, script) } });

    it('is exit 2 with a one-line message, and no report, whatever the way it fails', async () => {
      const cases: [string, RegExp][] = [
        ['throws.js', /^rlens: A scan worker failed, no report was written: cannot load the engine\n$/],
        ['exits.js', /^rlens: A scan worker stopped unexpectedly \(exit code 3\), no report was written\n$/],
        ['quits.js', /^rlens: A scan worker stopped unexpectedly \(exit code 0\), no report was written\n$/],
        ['reports.js', /^rlens: A scan worker failed on .*generated[/\\]module-\d+[/\\]file-\d+\.tf, no report was written: parser crashed\n$/],
        ['dies-later.js', /^rlens: A scan worker failed, no report was written: out of luck\n$/],
      ];
      for (const [script, expected] of cases) {
        const { code, stdout, stderr } = await scan(script, '--format', 'json');
        assert.strictEqual(code, 2, script);
        assert.strictEqual(stdout, '', script);
        assert.match(stderr, expected, script);
      }
    });

    it('says so in Chinese too', async () => {
      const { code, stderr } = await scan('exits.js', '--lang', 'zh-cn');
      assert.strictEqual(code, 2);
      assert.strictEqual(stderr, 'rlens: 扫描工作线程意外退出（退出码 3），未输出报告\n');
    });

    it('a missing worker script is exit 2 naming it', async () => {
      const { code, stderr } = await scan('no-such-worker.js');
      assert.strictEqual(code, 2);
      assert.match(stderr, /^rlens: Cannot start scan workers: .*no-such-worker\.js is missing\. Rebuild rlens, or use --workers 1\n$/);
    });

  });

  it('the workers check the contract and the custom rules as the main thread does: the same message, exit 2', async () => {
    const contract = ['scan', dir, '--contract', 'missing.yaml'];
    const one = await rlens(dir, [...contract, '--workers', '1']);
    const two = await rlens(dir, [...contract, '--workers', '2']);
    assert.deepStrictEqual([two.code, two.stdout, two.stderr], [2, '', 'rlens: Cannot read the contract missing.yaml\n']);
    assert.deepStrictEqual([one.code, one.stderr], [two.code, two.stderr]);
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-bad-rules-'));
    try {
      fs.mkdirSync(path.join(bad, '.rlens/rules'), { recursive: true });
      // A look-behind: RE2, which runs custom rules, has none.
      fs.writeFileSync(path.join(bad, '.rlens/rules/team.yaml'), CUSTOM_RULE.replace("matches: '.'", () => "matches: '(?<=prod-)db'"));
      const rules = ['scan', path.join(dir, 'generated'), path.join(dir, 'examples')];
      const oneRules = await rlens(bad, [...rules, '--workers', '1']);
      const twoRules = await rlens(bad, [...rules, '--workers', '2']);
      assert.strictEqual(twoRules.code, 2);
      assert.match(twoRules.stderr, /^rlens: \.rlens\/rules\/team\.yaml:\d+: .*invalid regular expression for RE2/);
      assert.deepStrictEqual([oneRules.code, oneRules.stdout, oneRules.stderr], [twoRules.code, twoRules.stdout, twoRules.stderr]);
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
    }
  });

  it('the built CLI runs its own bundle (dist/cli.js) as the workers\' script', () => {
    const cli = path.join(root, 'dist/cli.js');
    assert.ok(fs.existsSync(cli), 'build first: node esbuild.mjs');
    const run = (workers: string) => spawnSync(process.execPath, [cli, 'scan', dir, '--format', 'sarif', '--contract', 'contract.yaml', '--workers', workers], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const one = run('1');
    const two = run('2');
    assert.strictEqual(one.status, 1, one.stderr);
    assert.deepStrictEqual([two.status, two.stderr], [one.status, one.stderr]);
    assert.ok(two.stdout === one.stdout, 'the same SARIF');
  });
});
