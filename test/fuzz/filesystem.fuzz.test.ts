import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { baseSeed, envNumber, ROOT } from './corpus';
import { caseSeed, Rng } from './prng';
import { failureLine, record } from './tally';

/**
 * Hostile workspaces on disk through the built CLI (dist/cli.js, in a child process: the default stack of a
 * real run, and a deadline, since a FIFO opened by mistake would block forever). Each case builds a repository
 * from real inputs plus a seeded choice of: symlinks inside and leading outside the scanned folder (files,
 * folders, loops), FIFOs and devices named like sources, UTF-16 files with a byte-order mark (LE and BE), file
 * names and ROS logical ids with terminal escape sequences and newlines, billion-laughs YAML as a template, a
 * contract and a custom rules file, JSON nested far too deep. Checked: the scan ends, exits 0/1 (or 2 with one
 * line when the contract or rules file is hostile), prints no stack trace, the same report with --workers 1 and
 * 2, no text from outside the folder in the report, every file listed as an error is one of the hostile entries,
 * and a UTF-16 copy of a file gives the findings of the original.
 */
const CASES = Math.round(envNumber('FUZZ_FS_CASES', 4));
const CLI = path.join(ROOT, 'dist/cli.js');
const DEADLINE_MS = 120_000;
const posix = process.platform !== 'win32';

/** Text that must never reach a report: it sits only in files outside the scanned folder. */
const OUTSIDE_MARKER = 'OUTSIDE-MARKER-9f3c';

const ESCAPES = ['\u001b]52;c;aGVsbG8=\u0007', '\u001b[2J', '\u001b[31m', '\n', '\r', '\u0007', '责任'];

function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

interface Workspace {
  readonly dir: string;
  readonly repo: string;
  /** Names (relative to repo, with /) the scan may list as errors. */
  readonly hostile: Set<string>;
  /** A UTF-16 copy → the original it was made from (both relative to repo). */
  readonly utf16: Map<string, string>;
  /** The contract or a rules file is hostile: the scan must stop with one line (exit 2). */
  readonly stops: boolean;
  readonly variant: string[];
}

function hostileName(rng: Rng, ext: string): string {
  return `x${rng.pick(ESCAPES)}${rng.int(1000)}${ext}`.replace(/\//g, '_');
}

function build(seed: number): Workspace {
  const rng = new Rng(seed);
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-fuzz-fs-')));
  const repo = path.join(dir, 'repo');
  const outside = path.join(dir, 'outside');
  const module = path.join(repo, 'module');
  fs.mkdirSync(module, { recursive: true });
  fs.mkdirSync(outside);
  fs.mkdirSync(path.join(repo, 'ros'));
  const hostile = new Set<string>();
  const utf16 = new Map<string, string>();
  const variant: string[] = [];
  for (const name of fs.readdirSync(path.join(ROOT, 'examples/terraform'))) fs.copyFileSync(path.join(ROOT, 'examples/terraform', name), path.join(module, name));
  fs.copyFileSync(path.join(ROOT, 'examples/ros/web-stack.ros.yaml'), path.join(repo, 'ros', 'web-stack.ros.yaml'));
  fs.writeFileSync(path.join(outside, 'values.tfvars'), `region = "${OUTSIDE_MARKER}"\n`);
  fs.writeFileSync(path.join(outside, 'leak.tf'), `variable "leak" {\n  default = "${OUTSIDE_MARKER}"\n}\n`);
  fs.mkdirSync(path.join(outside, 'folder'));
  fs.writeFileSync(path.join(outside, 'folder', 'main.tf'), `locals {\n  leak = "${OUTSIDE_MARKER}"\n}\n`);
  const add = (what: string, make: () => void): void => {
    if (!rng.chance(0.6)) return;
    variant.push(what);
    make();
  };
  const rel = (file: string) => path.relative(repo, file).split(path.sep).join('/');
  add('tfvars-out', () => {
    fs.rmSync(path.join(module, 'terraform.tfvars'), { force: true });
    fs.symlinkSync(path.join(outside, 'values.tfvars'), path.join(module, 'terraform.tfvars'));
    hostile.add('module/terraform.tfvars');
  });
  add('tf-out', () => {
    const link = path.join(module, hostileName(rng, '.tf'));
    fs.symlinkSync(path.join('..', '..', 'outside', 'leak.tf'), link);
    hostile.add(rel(link));
  });
  add('dir-out', () => fs.symlinkSync(path.join(outside, 'folder'), path.join(repo, 'linked')));
  add('dir-loop', () => fs.symlinkSync('..', path.join(module, 'loop')));
  add('tf-in', () => fs.symlinkSync('main.tf', path.join(module, 'alias.tf')));
  if (posix) {
    add('fifo', () => {
      const fifo = path.join(module, hostileName(rng, rng.pick(['.tf', '.auto.tfvars', '.yaml', '.json'])));
      execFileSync('mkfifo', [fifo]);
      hostile.add(rel(fifo));
    });
    add('device', () => {
      const link = path.join(module, rng.pick(['zero.tf', 'terraform.tfvars', 'random.tf', 'null.tf']));
      fs.rmSync(link, { force: true });
      fs.symlinkSync(rng.pick(['/dev/zero', '/dev/urandom', '/dev/null']), link);
      hostile.add(rel(link));
    });
  }
  add('utf16', () => {
    const original = rng.pick(['main.tf', 'providers.tf', 'variables.tf']);
    const bigEndian = rng.chance(0.5);
    const folder = path.join(repo, bigEndian ? 'utf16be' : 'utf16le');
    fs.mkdirSync(folder);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fs.readFileSync(path.join(module, original), 'utf8'), 'utf16le')]);
    if (bigEndian) le.swap16();
    fs.writeFileSync(path.join(folder, original), le);
    // Its findings are compared with the original's, alone in a folder too.
    const plain = path.join(repo, bigEndian ? 'plainbe' : 'plainle');
    fs.mkdirSync(plain);
    fs.copyFileSync(path.join(module, original), path.join(plain, original));
    utf16.set(rel(path.join(folder, original)), rel(path.join(plain, original)));
  });
  add('escaped-names', () => {
    const name = hostileName(rng, '.tf');
    fs.copyFileSync(path.join(module, 'providers.tf'), path.join(repo, name));
    const id = `Res${rng.pick(ESCAPES)}Id`;
    fs.writeFileSync(
      path.join(repo, hostileName(rng, '.ros.json')),
      JSON.stringify({ ROSTemplateFormatVersion: '2015-09-01', Resources: { [id]: { Type: 'ALIYUN::ECS::SecurityGroupEgress', Properties: { SecurityGroupId: 'sg-1', IpProtocol: 'all', PortRange: '-1/-1', DestCidrIp: '0.0.0.0/0' } } } }),
    );
  });
  add('laughs-template', () => fs.writeFileSync(path.join(repo, 'ros', 'laughs.ros.yaml'), `ROSTemplateFormatVersion: '2015-09-01'\n${billionLaughs()}Resources: {}\n`));
  add('deep-json', () => {
    const depth = rng.pick([2_000, 20_000]);
    fs.writeFileSync(path.join(repo, 'deep.json'), `${'['.repeat(depth)}${']'.repeat(depth)}`);
    hostile.add('deep.json');
  });
  let stops = false;
  if (rng.chance(0.25)) {
    const where = rng.pick(['contract', 'rules']);
    variant.push(`laughs-${where}`);
    stops = true;
    fs.mkdirSync(path.join(repo, '.rlens', 'rules'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.rlens', where === 'contract' ? 'contract.yaml' : path.join('rules', 'laughs.yaml')), billionLaughs());
  }
  return { dir, repo, hostile, utf16, stops, variant };
}

interface Report {
  findings: { ruleId: string; file: string; range: { start: { line: number; column: number } } }[];
  errors: { file: string; message: { en: string; zh: string } }[];
}

function scan(cwd: string, args: readonly string[], problems: string[]): { code: number; stdout: string; stderr: string } | undefined {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: DEADLINE_MS, maxBuffer: 256 * 1024 * 1024 });
  if (result.signal !== null) {
    problems.push(`rlens ${args.join(' ')}: killed after ${DEADLINE_MS} ms (${result.signal})`);
    return undefined;
  }
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function check(workspace: Workspace): string[] {
  const problems: string[] = [];
  const contract = workspace.stops && fs.existsSync(path.join(workspace.repo, '.rlens', 'contract.yaml')) ? ['--contract', '.rlens/contract.yaml'] : [];
  const runs = ['1', '2'].map((workers) => scan(workspace.repo, ['scan', '.', '--format', 'json', '--workers', workers, ...contract], problems));
  for (const run of runs) {
    if (!run) continue;
    if (/\n\s+at /.test(run.stderr)) problems.push(`a stack trace on stderr: ${run.stderr.split('\n').slice(0, 2).join(' | ').slice(0, 200)}`);
    if (workspace.stops) {
      if (run.code !== 2 || run.stderr.trim().split('\n').length !== 1 || !/too many alias expansions/.test(run.stderr)) problems.push(`hostile contract or rules: exit ${run.code}, stderr ${JSON.stringify(run.stderr.slice(0, 200))}`);
      continue;
    }
    if (run.code !== 0 && run.code !== 1) {
      problems.push(`exit ${run.code}: ${run.stderr.slice(0, 200)}`);
      continue;
    }
    if (run.stdout.includes(OUTSIDE_MARKER) || run.stderr.includes(OUTSIDE_MARKER)) problems.push('text from outside the scanned folder reached the output');
    let report: Report;
    try {
      report = JSON.parse(run.stdout) as Report;
    } catch {
      problems.push('the JSON report does not parse');
      continue;
    }
    for (const error of report.errors) if (!workspace.hostile.has(error.file)) problems.push(`an unexpected error for ${JSON.stringify(error.file)}: ${error.message.en}`);
    for (const [copy, original] of workspace.utf16) {
      const of = (file: string) => report.findings.filter((f) => f.file === file).map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.column}`);
      if (of(original).length === 0) problems.push(`the original ${original} has no finding`);
      if (JSON.stringify(of(copy)) !== JSON.stringify(of(original))) problems.push(`the UTF-16 copy ${copy} gives other findings than ${original}`);
    }
  }
  const [one, two] = runs;
  if (one && two && one.stdout !== two.stdout) problems.push('--workers 2 gives another report than --workers 1');
  return problems;
}

describe('fuzz: hostile workspaces on disk through the CLI', function () {
  this.timeout(600_000);
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error('build first: node esbuild.mjs');
  });

  it(`${CASES} seeded workspaces`, () => {
    const failures: string[] = [];
    const base = baseSeed();
    for (let i = 0; i < CASES; i++) {
      const seed = caseSeed(base, 'filesystem', 'workspace', i);
      const workspace = build(seed);
      const started = performance.now();
      const problems = check(workspace);
      record('filesystem', 'workspace', problems.length === 0, performance.now() - started);
      if (problems.length > 0) failures.push(failureLine('filesystem', 'workspace', seed, 'workspace', workspace.variant.join('+'), problems));
      fs.rmSync(workspace.dir, { recursive: true, force: true });
    }
    assert.deepStrictEqual(failures, []);
  });
});
