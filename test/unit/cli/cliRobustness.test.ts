/**
 * The CLI as CI runs it: help, paths that hold nothing or cannot be read, output that cannot be written, a reader
 * that stops early, strings from files that must not drive the terminal.
 */
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../server/src/cli/main';

const root = path.resolve(__dirname, '../../..');
const ENTRY = [`--require`, require.resolve('tsx/cjs'), path.join(root, 'server/src/cli/entry.ts')];

async function rlens(args: readonly string[], options: { cwd?: string; lang?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: options.cwd ?? root, env: { LANG: options.lang ?? 'en_US.UTF-8' } });
  return { code, stdout, stderr };
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A folder nested deeper than PATH_MAX (4096) allows to open: created step by step with relative paths. */
function deepFolder(base: string): { top: string; deepest: string } {
  const top = path.join(base, 'deep');
  const segment = 'd'.repeat(200);
  const script = `mkdir deep && cd deep && for i in $(seq 1 25); do mkdir ${segment} && cd ${segment}; done && printf 'variable "x" {}\\n' > main.tf`;
  const made = spawnSync('bash', ['-c', script], { cwd: base });
  assert.strictEqual(made.status, 0, String(made.stderr));
  return { top, deepest: path.join(top, ...Array<string>(25).fill(segment)) };
}

describe('rlens CLI in CI', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  const dir = (prefix: string) => {
    const d = tempDir(prefix);
    dirs.push(d);
    return d;
  };
  after(() => {
    // GNU rm walks with openat, so it removes folders deeper than PATH_MAX, which fs.rmSync cannot.
    for (const d of dirs) spawnSync('rm', ['-rf', d]);
  });

  it('-h and --help both print the help and exit 0, alone or after a command; no command at all exits 2', async () => {
    for (const args of [['-h'], ['--help'], ['scan', '-h'], ['help']]) {
      const { code, stdout } = await rlens(args);
      assert.strictEqual(code, 0, args.join(' '));
      assert.match(stdout, /^rlens .* Responsibility Lens/);
      assert.match(stdout, /--baseline FILE/);
    }
    assert.strictEqual((await rlens([])).code, 2);
  });

  it('exits 2 naming the path when no file to analyse is under it (an empty folder, a folder of other files); --allow-no-files accepts it', async () => {
    const empty = dir('rlens-empty-');
    const docs = dir('rlens-docs-');
    fs.writeFileSync(path.join(docs, 'README.md'), '# nothing to scan\n');
    for (const target of [empty, docs]) {
      const en = await rlens(['scan', target]);
      assert.strictEqual(en.code, 2);
      assert.strictEqual(en.stdout, '');
      assert.strictEqual(en.stderr, `rlens: No file to analyse was found under ${target} (Terraform .tf/.tfvars, ROS templates, YAML/JSON configs). Check the path, or pass --allow-no-files to accept an empty scan.\n`);
      const zh = await rlens(['scan', target, '--lang', 'zh-cn']);
      assert.strictEqual(zh.code, 2);
      assert.ok(zh.stderr.includes(`在 ${target} 下未找到可分析的文件`), zh.stderr);
      const allowed = await rlens(['scan', target, '--allow-no-files']);
      assert.strictEqual(allowed.code, 0, allowed.stderr);
      assert.match(allowed.stdout, /No findings in 0 file\(s\) scanned/);
    }
    assert.strictEqual((await rlens(['explain', empty])).code, 2);
  });

  it('lists a folder it cannot read (a path of 5,000 characters) as an error and exits 2, though other files were scanned', async () => {
    const base = dir('rlens-deep-');
    const { top, deepest } = deepFolder(base);
    assert.ok(deepest.length > 5000);
    const ok = path.join(base, 'ok.tf');
    fs.writeFileSync(ok, 'variable "region" {\n  default = "cn-hangzhou"\n}\n');
    const json = await rlens(['scan', top, ok, '--format', 'json']);
    assert.strictEqual(json.code, 2, json.stderr);
    const report = JSON.parse(json.stdout) as { errors: { file: string; unreadable?: boolean; message: { en: string; zh: string } }[] };
    const error = report.errors.find((e) => e.unreadable);
    assert.ok(error, JSON.stringify(report.errors).slice(0, 500));
    assert.match(error.message.en, /cannot be read \(ENAMETOOLONG: the path is too long\); nothing under it was scanned/);
    assert.match(error.message.zh, /无法读取（ENAMETOOLONG：路径过长）/);
    assert.match(json.stderr, /^rlens: 1 path\(s\) could not be read: exit code 2/m);
    const text = await rlens(['scan', top, ok]);
    assert.strictEqual(text.code, 2);
    assert.match(text.stdout, /: error: cannot be read \(ENAMETOOLONG/);
    assert.match(text.stdout, /0 error|1 error\(s\) in 1 file\(s\) scanned/);
    const sarif = JSON.parse((await rlens(['scan', top, ok, '--format', 'sarif'])).stdout) as { runs: { invocations: { executionSuccessful: boolean }[] }[] };
    assert.strictEqual(sarif.runs[0]?.invocations[0]?.executionSuccessful, false);
    // Given directly, the same path is not "missing": it is unreadable, and the scan still exits 2.
    const direct = await rlens(['scan', path.join(deepest, 'main.tf')]);
    assert.strictEqual(direct.code, 2);
  });

  it('refuses an --output that is a folder, in a missing folder, on a full or unwritable device, or one of the inputs: one line, exit 2, no stack', async () => {
    const work = dir('rlens-output-');
    const input = path.join(work, 'main.tf');
    const original = 'resource "alicloud_oss_bucket" "b" {\n  acl = "public-read"\n}\n';
    fs.writeFileSync(input, original);
    const cases: [string, RegExp][] = [
      [work, /^rlens: Cannot write .*: it is a folder\n$/],
      [path.join(work, 'no', 'such', 'report.json'), /^rlens: Cannot write .*: its folder does not exist\n$/],
      ['/dev/full', /^rlens: Cannot write \/dev\/full: no space left on the device\n$/],
      ['/sys/rlens-report.json', /^rlens: Cannot write \/sys\/rlens-report\.json: (permission denied|read-only file system)\n$/],
      [input, /^rlens: Refusing to write .*main\.tf: it is one of the files being scanned\. Choose another --output\.\n$/],
    ];
    for (const [output, expected] of cases) {
      const { code, stderr, stdout } = await rlens(['scan', work, '--format', 'json', '--output', output]);
      assert.strictEqual(code, 2, output);
      assert.match(stderr, expected);
      assert.strictEqual(stdout, '');
    }
    assert.strictEqual(fs.readFileSync(input, 'utf8'), original, 'the input is untouched');
    const zh = await rlens(['scan', work, '--output', '/dev/full', '--lang', 'zh-cn']);
    assert.strictEqual(zh.stderr, 'rlens: 无法写入 /dev/full：设备空间不足\n');
    const viaLink = path.join(work, 'link.tf');
    fs.symlinkSync(input, viaLink);
    assert.strictEqual((await rlens(['scan', input, '--output', viaLink])).code, 2, 'the same file through a link');
    assert.strictEqual(fs.readFileSync(input, 'utf8'), original);
  });

  it('wraps text output to the terminal\'s columns when given them, and never otherwise', async () => {
    let wrapped = '';
    await main(['scan', 'examples/terraform'], { stdout: (s) => (wrapped += s), stderr: () => undefined, cwd: root, env: {}, isTTY: true, columns: 70 });
    const lines = wrapped.trimEnd().split('\n');
    assert.ok(lines.length > 30);
    for (const line of lines) assert.ok(line.replace(/\u001b\[[0-9;]*m/g, '').length <= 70, line);
    assert.match(wrapped, /\n {4}\S/, 'continuation lines are indented');
    const piped = await rlens(['scan', 'examples/terraform']);
    assert.ok(piped.stdout.split('\n').some((l) => l.length > 70));
    assert.ok(!/\n {4}\S/.test(piped.stdout));
  });

  it('stops quietly when the reader of its output goes away (rlens scan | head), with the exit code of the scan', async () => {
    const child = spawn(process.execPath, [...ENTRY, 'scan', 'examples', '--format', 'sarif'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.strictEqual(stderr, '', 'no stack trace');
    assert.strictEqual(code, 1, 'examples/ has findings');
  });

  it('writing standard output to a full device is one line and exit 2', async () => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      const child = spawn(process.execPath, [...ENTRY, 'scan', 'examples/terraform/main.tf'], { cwd: root, stdio: ['ignore', full, 'pipe'], env: { ...process.env, LANG: 'en_US.UTF-8' } });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      assert.strictEqual(stderr, 'rlens: Cannot write the report to standard output (ENOSPC)\n');
      assert.strictEqual(code, 2);
    } finally {
      fs.closeSync(full);
    }
  });

  it('explain prints file names, logical ids and settings inert: no escape sequence or newline from the file reaches the terminal', async () => {
    const work = dir('rlens-explain-');
    const id = 'Bucket\u001b]52;c;ZXZpbA==\u0007\u001b[2J';
    const template = { ROSTemplateFormatVersion: '2015-09-01', Resources: { [id]: { Type: 'ALIYUN::OSS::Bucket', Properties: { BucketName: 'b', AccessControl: 'public-read' } } } };
    const file = path.join(work, 'evil\u001b[2J\nname.json');
    fs.writeFileSync(file, JSON.stringify(template, null, 2));
    const { code, stdout } = await rlens(['explain', work]);
    assert.strictEqual(code, 0);
    assert.ok(stdout.includes('Bucket\\u{1B}]52;c;ZXZpbA==\\u{7}\\u{1B}[2J'), stdout);
    assert.ok(stdout.includes('evil\\u{1B}[2J\\u{A}name.json'), stdout);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(stdout), JSON.stringify(stdout));
  });

  it('custom-rule problems and contract keys printed on standard error are inert', async () => {
    const work = dir('rlens-custom-');
    fs.mkdirSync(path.join(work, '.rlens', 'rules'), { recursive: true });
    fs.writeFileSync(path.join(work, '.rlens', 'rules', 'bad.yaml'), '"key\\e]52;c;ZXZpbA==\\a\\e[2J\\nnext": 1\n');
    fs.writeFileSync(path.join(work, 'main.tf'), 'variable "x" {}\n');
    const rules = await rlens(['scan', path.join(work, 'main.tf')], { cwd: work });
    assert.strictEqual(rules.code, 2);
    assert.ok(rules.stderr.includes('key\\u{1B}]52;c;ZXZpbA==\\u{7}\\u{1B}[2J\\u{A}next'), rules.stderr);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(rules.stderr), JSON.stringify(rules.stderr));
    fs.rmSync(path.join(work, '.rlens'), { recursive: true });
    fs.writeFileSync(path.join(work, 'contract.yaml'), 'deploymentMode: public-cloud\n"evil\\e[2J\\e]0;title\\a": 1\n');
    const contract = await rlens(['scan', path.join(work, 'main.tf'), '--contract', 'contract.yaml'], { cwd: work });
    assert.strictEqual(contract.code, 2);
    assert.ok(contract.stderr.includes('evil\\u{1B}[2J\\u{1B}]0;title\\u{7}'), contract.stderr);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(contract.stderr), JSON.stringify(contract.stderr));
  });
});
