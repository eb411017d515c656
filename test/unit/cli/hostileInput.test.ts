import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../server/src/cli/main';
import type { WorkerEntry } from '../../../server/src/cli/workers';

/**
 * `rlens scan` and `rlens explain` on what a hostile repository holds: symlinks leading out, FIFOs and devices
 * named `*.tf`, oversized neighbours, UTF-16 and NUL bytes, billion-laughs YAML, JSON nested thousands deep.
 * Inputs that used to hang or exhaust memory run the built CLI (dist/cli.js) in a child process with a deadline,
 * so that a regression fails the test instead of freezing the test run.
 */
const root = path.resolve(__dirname, '../../..');
const CLI = path.join(root, 'dist/cli.js');
const SOURCE_WORKER: WorkerEntry = { file: path.join(root, 'server/src/cli/entry.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
const posix = process.platform !== 'win32';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function rlens(cwd: string, ...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, env: { LANG: 'en_US.UTF-8' }, workerEntry: SOURCE_WORKER });
  return { code, stdout, stderr };
}

/** The built CLI in a child process; a run that has not ended after a minute is killed (and fails the test). */
function rlensChild(cwd: string, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LANG: 'en_US.UTF-8' } });
  assert.strictEqual(result.signal, null, `rlens ${args.join(' ')} had to be killed (hung or ran away): ${result.stderr?.slice(0, 300)}`);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

interface Report {
  findings: { ruleId: string; file: string; range: { start: { line: number } } }[];
  errors: { file: string; message: { en: string; zh: string } }[];
  files: number;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-hostile-'));
}

/** A fake AccessKey ID, built here so that no literal key sits in the source. */
const FAKE_KEY = `LTAI${'4gaSMyqces2QkkwcsCK4'}`;
const PROVIDER_WITH_KEY = `provider "alicloud" {\n  region     = "cn-hangzhou"\n  access_key = "${FAKE_KEY}"\n}\n`;
const OPEN_EGRESS = (cidr: string) => `resource "alicloud_security_group_rule" "out" {\n  type              = "egress"\n  ip_protocol       = "all"\n  port_range        = "-1/-1"\n  security_group_id = "sg-123"\n  cidr_ip           = ${cidr}\n}\n`;

function billionLaughs(prefix = ''): string {
  const lines = [`${prefix}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('rlens on hostile or odd input', function () {
  this.timeout(120_000);
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error('build first: node esbuild.mjs');
  });

  it('does not follow a module file symlinked outside the scanned folder, in the walk or the module index', async () => {
    const dir = tempDir();
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    fs.mkdirSync(path.join(dir, 'outside'));
    fs.writeFileSync(path.join(dir, 'outside', 'values.tfvars'), 'cidr = "0.0.0.0/0"\n');
    fs.writeFileSync(path.join(dir, 'outside', 'leak.tf'), OPEN_EGRESS('"0.0.0.0/0"'));
    fs.writeFileSync(path.join(repo, 'main.tf'), `variable "cidr" {}\n${OPEN_EGRESS('var.cidr')}`);
    fs.symlinkSync(path.join('..', 'outside', 'values.tfvars'), path.join(repo, 'terraform.tfvars'));
    fs.symlinkSync(path.join('..', 'outside', 'leak.tf'), path.join(repo, 'leak.tf'));
    const { stdout } = await rlens(dir, 'scan', repo, '--format', 'json');
    const report = JSON.parse(stdout) as Report;
    assert.deepStrictEqual(report.findings, [], 'nothing read from outside the scanned folder judges main.tf, and leak.tf is not read');
    const leak = report.errors.find((e) => e.file === 'repo/leak.tf');
    assert.ok(leak, `leak.tf is listed: ${JSON.stringify(report.errors)}`);
    assert.match(leak.message.en, /outside the scanned paths/);
    assert.match(leak.message.zh, /扫描路径之外/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('follows a symlink that stays inside the scanned folder', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'shared'));
    fs.mkdirSync(path.join(dir, 'env'));
    fs.writeFileSync(path.join(dir, 'shared', 'common.tfvars'), 'cidr = "0.0.0.0/0"\n');
    fs.writeFileSync(path.join(dir, 'env', 'main.tf'), `variable "cidr" {}\n${OPEN_EGRESS('var.cidr')}`);
    fs.symlinkSync(path.join('..', 'shared', 'common.tfvars'), path.join(dir, 'env', 'terraform.tfvars'));
    const report = JSON.parse((await rlens(dir, 'scan', dir, '--format', 'json')).stdout) as Report;
    assert.deepStrictEqual(report.findings.map((f) => `${f.file}:${f.ruleId}`), ['env/main.tf:sg-egress-unrestricted']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  (posix ? it : it.skip)('lists a FIFO and a /dev/zero symlink named *.tf without opening them, and scans their neighbours', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf'), PROVIDER_WITH_KEY);
    execFileSync('mkfifo', [path.join(dir, 'pipe.tf')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.tf'));
    for (const args of [['scan', '.', '--format', 'json'], ['scan', '.', '--format', 'json', '--workers', '2']]) {
      const run = rlensChild(dir, ...args);
      assert.strictEqual(run.code, 1, run.stderr);
      const report = JSON.parse(run.stdout) as Report;
      assert.deepStrictEqual(report.findings.map((f) => f.ruleId), ['provider-hardcoded-credentials']);
      assert.deepStrictEqual(report.errors.map((e) => `${e.file}: ${e.message.en}`).sort(), [
        'pipe.tf: skipped: not a regular file (a FIFO, device or socket is never opened)',
        'zero.tf: skipped: a symlink leading outside the scanned paths',
      ]);
    }
    const named = rlensChild(dir, 'scan', 'pipe.tf', 'zero.tf', '--format', 'json');
    assert.deepStrictEqual((JSON.parse(named.stdout) as Report).errors.map((e) => e.file), ['pipe.tf', 'zero.tf'], 'named on the command line, still never opened');
    const explain = rlensChild(dir, 'explain', '.', '--format', 'json');
    assert.deepStrictEqual((JSON.parse(explain.stdout) as { skipped: { file: string; reason: string }[] }).skipped, [
      { file: 'pipe.tf', reason: 'not-regular' },
      { file: 'zero.tf', reason: 'outside' },
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies the file-size limit to the other files of a module too', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf'), OPEN_EGRESS('var.cidr'));
    // Above 1 KB: its value must not reach main.tf when --max-file-size-kb 1 skips it.
    fs.writeFileSync(path.join(dir, 'big.tf'), `${'# padding\n'.repeat(200)}variable "cidr" {\n  default = "0.0.0.0/0"\n}\n`);
    const limited = JSON.parse((await rlens(dir, 'scan', dir, '--format', 'json', '--max-file-size-kb', '1')).stdout) as Report;
    assert.deepStrictEqual(limited.findings, [], 'the skipped big.tf does not judge main.tf');
    assert.deepStrictEqual(limited.errors.map((e) => e.file), ['big.tf']);
    const unlimited = JSON.parse((await rlens(dir, 'scan', dir, '--format', 'json')).stdout) as Report;
    assert.deepStrictEqual(unlimited.findings.map((f) => `${f.file}:${f.ruleId}`), ['main.tf:sg-egress-unrestricted'], 'without the limit, the value is resolved');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('decodes UTF-16 files with a byte-order mark and checks them', async () => {
    const dir = tempDir();
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PROVIDER_WITH_KEY, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    fs.mkdirSync(path.join(dir, 'le'));
    fs.mkdirSync(path.join(dir, 'be'));
    fs.writeFileSync(path.join(dir, 'le', 'main.tf'), le);
    fs.writeFileSync(path.join(dir, 'be', 'main.tf'), be);
    const report = JSON.parse((await rlens(dir, 'scan', dir, '--format', 'json')).stdout) as Report;
    assert.deepStrictEqual(report.errors, []);
    assert.deepStrictEqual(report.findings.map((f) => `${f.file}:${f.range.start.line}:${f.ruleId}`), ['be/main.tf:3:provider-hardcoded-credentials', 'le/main.tf:3:provider-hardcoded-credentials']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks a Terraform file with a NUL byte in a comment (HCL reads it), and still skips real binary content', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf'), `# a comment with a \u0000 in it\n${PROVIDER_WITH_KEY}`);
    fs.writeFileSync(path.join(dir, 'image.tf'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xd8]));
    const run = await rlens(dir, 'scan', dir, '--format', 'json');
    assert.strictEqual(run.code, 1, 'the hardcoded key fails the gate');
    const report = JSON.parse(run.stdout) as Report;
    assert.deepStrictEqual(report.findings.map((f) => `${f.file}:${f.ruleId}`), ['main.tf:provider-hardcoded-credentials']);
    assert.deepStrictEqual(report.errors.map((e) => `${e.file}:${e.message.en}`), ['image.tf:image.tf looks binary and was skipped']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ends a billion-laughs custom rules file or contract with a one-line message, not a stack trace', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf'), PROVIDER_WITH_KEY);
    fs.writeFileSync(path.join(dir, 'laughs.yaml'), billionLaughs());
    const contract = await rlens(dir, 'scan', dir, '--contract', 'laughs.yaml');
    assert.strictEqual(contract.code, 2);
    assert.match(contract.stderr, /^rlens: .*too many alias expansions[^\n]*\n$/);
    fs.mkdirSync(path.join(dir, '.rlens', 'rules'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.rlens', 'rules', 'laughs.yaml'), billionLaughs());
    for (const workers of ['1', '2']) {
      const rules = await rlens(dir, 'scan', dir, '--workers', workers);
      assert.strictEqual(rules.code, 2);
      assert.match(rules.stderr, /^rlens: [^\n]*laughs\.yaml:1: YAML: too many alias expansions[^\n]*别名展开次数过多[^\n]*\n$/, rules.stderr);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('does not follow a custom rules file symlinked outside the working directory', async () => {
    const dir = tempDir();
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(path.join(repo, '.rlens', 'rules'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'private.yaml'), 'rules: []\n');
    fs.symlinkSync(path.join(dir, 'private.yaml'), path.join(repo, '.rlens', 'rules', 'team.yaml'));
    fs.writeFileSync(path.join(repo, 'main.tf'), PROVIDER_WITH_KEY);
    const run = await rlens(repo, 'scan', repo);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /team\.yaml:1: Not read: a symlink leading outside the workspace/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('rlens on JSON nested too deeply for a recursive parser', function () {
  this.timeout(120_000);

  it('reports the file and scans the rest, on the default stack, with the same report for --workers 1 and 2', async () => {
    const dir = tempDir();
    const depth = 20_000;
    fs.mkdirSync(path.join(dir, 'a'));
    fs.mkdirSync(path.join(dir, 'b'));
    fs.writeFileSync(path.join(dir, 'a', 'deep.json'), `${'['.repeat(depth)}${']'.repeat(depth)}`);
    fs.writeFileSync(
      path.join(dir, 'a', 'deep.ros.json'),
      `{"ROSTemplateFormatVersion":"2015-09-01","Resources":{"R":{"Type":"ALIYUN::ECS::Instance","Properties":{"X":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}}}`,
    );
    fs.writeFileSync(path.join(dir, 'b', 'main.tf'), PROVIDER_WITH_KEY);
    const one = await rlens(dir, 'scan', dir, '--format', 'json', '--workers', '1');
    const two = await rlens(dir, 'scan', dir, '--format', 'json', '--workers', '2');
    assert.strictEqual(one.code, 1, one.stderr);
    const report = JSON.parse(one.stdout) as Report;
    assert.deepStrictEqual(report.findings.map((f) => `${f.file}:${f.ruleId}`), ['b/main.tf:provider-hardcoded-credentials']);
    assert.deepStrictEqual(report.errors.map((e) => e.file), ['a/deep.json', 'a/deep.ros.json']);
    for (const error of report.errors) assert.match(error.message.en, /nested more than \d+ levels deep/);
    assert.strictEqual(two.stdout, one.stdout, 'the same report whatever the number of workers');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
