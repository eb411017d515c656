/**
 * The CI recipes of docs/ci.md and README.md, and the repository's .pre-commit-hooks.yaml, as the CI systems
 * would read them: every YAML block parses and has the keys its system requires, and every `rlens` command in
 * them (in `run:`, `script:`, `entry` + `args`, and in the shell blocks) names a command and options the CLI
 * accepts, with values it accepts.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { COMMANDS, parseArgs, VALUED_OPTIONS } from '../../../server/src/cli/args';
import { DEPLOYMENT_MODES, SERVICE_MODELS } from '../../../server/src/matrices/types';
import { SEVERITIES } from '../../../server/src/rules/types';

const root = path.resolve(__dirname, '../../..');
const DOCS = ['docs/ci.md', 'README.md'];

/** The values the CLI takes for its enumerated options (main.ts), per command where they differ. */
const ENUMERATED: Readonly<Record<string, readonly string[]>> = {
  '--severity-threshold': SEVERITIES,
  '--min-severity': SEVERITIES,
  '--deployment': DEPLOYMENT_MODES,
  '--service-model': SERVICE_MODELS,
  '--lang': ['en', 'zh-cn'],
};
const FORMATS: Readonly<Record<string, readonly string[]>> = { scan: ['text', 'json', 'sarif', 'junit'], explain: ['text', 'json'], matrix: ['json', 'csv', 'markdown'] };

interface Block {
  readonly doc: string;
  readonly line: number;
  readonly language: string;
  readonly text: string;
}

function fencedBlocks(doc: string): Block[] {
  const lines = fs.readFileSync(path.join(root, doc), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    assert.ok(end > i, `${doc}:${i + 1}: unclosed code block`);
    blocks.push({ doc, line: i + 1, language: open[1] ?? '', text: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** Shell words of one command line: quotes removed, `${{ … }}` and `$VAR` kept as words. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) words.push(match[1] ?? match[2] ?? match[3] ?? '');
  return words;
}

/** Every `rlens …` invocation in a piece of shell: after `rlens`, `npx rlens` or `npx --yes rlens`, up to `|`, `&&`, `;` or `#`. */
function rlensCommands(shell: string): string[][] {
  const commands: string[][] = [];
  for (const raw of shell.replace(/\\\n/g, ' ').split('\n')) {
    const line = raw.replace(/\s#.*$/, '');
    for (const part of line.split(/\|\||&&|\||;/)) {
      const words = shellWords(part);
      const at = words.indexOf('rlens');
      if (at < 0 || (at > 0 && !['npx', '--yes', '-y'].includes(words[at - 1] ?? ''))) continue;
      commands.push(words.slice(at + 1));
    }
  }
  return commands;
}

/** Fails unless the CLI would accept the arguments: known command, known options, accepted values. */
function assertAccepted(args: readonly string[], where: string): ReturnType<typeof parseArgs> {
  const parsed = parseArgs(args, VALUED_OPTIONS, (o) => `unknown option ${o}`, (o) => `${o} needs a value`);
  if (parsed.flags.has('--version') || parsed.flags.has('--help') || parsed.flags.has('-h')) return parsed;
  assert.ok((COMMANDS as readonly string[]).includes(parsed.command ?? ''), `${where}: unknown command ${parsed.command}`);
  const command = parsed.command as string;
  if (command === 'scan' || command === 'explain') assert.ok(parsed.positionals.length > 0, `${where}: ${command} needs a path`);
  for (const [option, value] of parsed.options) {
    const allowed = option === '--format' ? FORMATS[command] : ENUMERATED[option];
    if (allowed) assert.ok(allowed.includes(value), `${where}: ${option} ${value} is not one of ${allowed.join(', ')}`);
    if (option === '--max-findings-per-file' || option === '--max-file-size-kb') assert.match(value, /^[1-9][0-9]*$/, `${where}: ${option}`);
  }
  return parsed;
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${where}: expected a mapping`);
  return value as Record<string, unknown>;
}

/** A GitHub Actions workflow: `on`, `jobs` of `runs-on` + `steps`; SARIF uploaded by upload-sarif from the file rlens writes. */
function checkGithubWorkflow(data: Record<string, unknown>, where: string): string[][] {
  assert.ok('on' in data, `${where}: a workflow needs "on"`);
  const commands: string[][] = [];
  const permissions = asObject(data.permissions ?? {}, `${where}: permissions`);
  for (const [name, job] of Object.entries(asObject(data.jobs, `${where}: jobs`))) {
    const j = asObject(job, `${where}: job ${name}`);
    assert.ok(typeof j['runs-on'] === 'string', `${where}: job ${name} needs runs-on`);
    assert.ok(Array.isArray(j.steps) && j.steps.length > 0, `${where}: job ${name} needs steps`);
    const outputs = new Map<string, string>();
    for (const step of j.steps as unknown[]) {
      const s = asObject(step, `${where}: a step of ${name}`);
      assert.ok(('uses' in s) !== ('run' in s), `${where}: a step has exactly one of uses or run`);
      if (typeof s.run === 'string') {
        for (const args of rlensCommands(s.run)) {
          const parsed = assertAccepted(args, `${where}: ${s.run}`);
          const output = parsed.options.get('--output');
          if (output) outputs.set(output, parsed.options.get('--format') ?? 'text');
          commands.push(args);
        }
      }
      if (typeof s.uses === 'string' && s.uses.startsWith('github/codeql-action/upload-sarif@')) {
        assert.match(s.uses, /@v[34]$/, `${where}: a current major version of upload-sarif`);
        const inputs = asObject(s.with, `${where}: upload-sarif needs with:`);
        assert.deepStrictEqual(Object.keys(inputs).filter((k) => !['sarif_file', 'category', 'checkout_path', 'ref', 'sha', 'token', 'wait-for-processing'].includes(k)), [], `${where}: upload-sarif inputs`);
        assert.strictEqual(outputs.get(String(inputs.sarif_file)), 'sarif', `${where}: sarif_file is the SARIF an earlier rlens step writes`);
        assert.match(String(s.if ?? ''), /always\(\)|failure\(\)/, `${where}: the upload runs when rlens exits 1`);
        assert.strictEqual(permissions['security-events'] ?? asObject(j.permissions ?? {}, where)['security-events'], 'write', `${where}: upload-sarif needs security-events: write`);
      }
    }
  }
  return commands;
}

/** A GitLab CI file: jobs with `script`; a JUnit report is the file an rlens command writes, uploaded always. */
function checkGitlab(data: Record<string, unknown>, where: string): string[][] {
  const commands: string[][] = [];
  const jobs = Object.entries(data).filter(([key]) => !['stages', 'variables', 'default', 'include', 'workflow', 'image', 'services', 'cache'].includes(key) && !key.startsWith('.'));
  assert.ok(jobs.length > 0, `${where}: no job`);
  for (const [name, job] of jobs) {
    const j = asObject(job, `${where}: job ${name}`);
    assert.ok(Array.isArray(j.script) && j.script.length > 0, `${where}: job ${name} needs a script`);
    const outputs = new Map<string, string>();
    for (const line of j.script as unknown[]) {
      assert.strictEqual(typeof line, 'string', `${where}: script lines are strings`);
      for (const args of rlensCommands(line as string)) {
        const parsed = assertAccepted(args, `${where}: ${String(line)}`);
        const output = parsed.options.get('--output');
        if (output) outputs.set(output, parsed.options.get('--format') ?? 'text');
        commands.push(args);
      }
    }
    if (j.artifacts !== undefined) {
      const artifacts = asObject(j.artifacts, `${where}: artifacts`);
      const reports = asObject(artifacts.reports ?? {}, `${where}: artifacts.reports`);
      if ('junit' in reports) {
        assert.strictEqual(outputs.get(String(reports.junit)), 'junit', `${where}: the junit report is the file rlens --format junit writes`);
        assert.strictEqual(artifacts.when, 'always', `${where}: a failing job still uploads its report`);
      }
    }
  }
  return commands;
}

function hookManifest(): Record<string, unknown>[] {
  const document = parseDocument(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8'));
  assert.deepStrictEqual(document.errors, []);
  const hooks = document.toJS() as unknown;
  assert.ok(Array.isArray(hooks) && hooks.length > 0, '.pre-commit-hooks.yaml is a list of hooks');
  return hooks.map((hook, i) => asObject(hook, `.pre-commit-hooks.yaml[${i}]`));
}

/** pre-commit's hook keys (https://pre-commit.com/#new-hooks). */
const HOOK_KEYS = ['id', 'name', 'entry', 'language', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'always_run', 'fail_fast', 'verbose', 'pass_filenames', 'require_serial', 'description', 'language_version', 'minimum_pre_commit_version', 'args', 'stages'];

/** A .pre-commit-config.yaml: `repos` of `repo`, `rev`, `hooks`; hook ids that this repository's manifest defines. */
function checkPreCommitConfig(data: Record<string, unknown>, where: string): string[][] {
  const manifest = hookManifest();
  const commands: string[][] = [];
  assert.ok(Array.isArray(data.repos) && data.repos.length > 0, `${where}: repos`);
  for (const repo of data.repos as unknown[]) {
    const r = asObject(repo, `${where}: a repo`);
    assert.ok(typeof r.repo === 'string' && typeof r.rev === 'string', `${where}: repo and rev`);
    assert.ok(Array.isArray(r.hooks) && r.hooks.length > 0, `${where}: hooks`);
    for (const hook of r.hooks as unknown[]) {
      const h = asObject(hook, `${where}: a hook`);
      const defined = manifest.find((m) => m.id === h.id);
      assert.ok(defined, `${where}: hook ${String(h.id)} is defined in .pre-commit-hooks.yaml`);
      const args = [...shellWords(String(defined.entry)).slice(1), ...((h.args as string[] | undefined) ?? []), 'staged.tf'];
      commands.push(assertAccepted(args, `${where}: ${String(h.id)}`) && args);
    }
  }
  return commands;
}

describe('CI recipes (docs/ci.md, README.md, .pre-commit-hooks.yaml)', () => {
  it('.pre-commit-hooks.yaml has the keys pre-commit requires, only keys it knows, and an entry the CLI accepts', () => {
    const hooks = hookManifest();
    for (const hook of hooks) {
      for (const key of ['id', 'name', 'entry', 'language']) assert.ok(typeof hook[key] === 'string' && hook[key] !== '', `${key} is required`);
      assert.deepStrictEqual(Object.keys(hook).filter((k) => !HOOK_KEYS.includes(k)), []);
      const entry = shellWords(String(hook.entry));
      assert.strictEqual(entry[0], 'rlens', 'the bin package.json declares');
      assertAccepted([...entry.slice(1), 'main.tf'], 'entry');
      if (typeof hook.files === 'string') {
        const files = new RegExp(hook.files);
        for (const name of ['main.tf', 'prod.tfvars', 'stack.ros.yaml', 'stack.yml', 'template.json']) assert.ok(files.test(name), name);
        assert.ok(!files.test('README.md'));
      }
    }
    const bin = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> });
    assert.ok(bin.bin.rlens, 'package.json declares the rlens bin');
    // pre-commit installs a node hook with `npm pack`: prepack must build the bundle the bin points to.
    assert.match(bin.scripts.prepack ?? '', /esbuild\.mjs/);
    const npmignore = fs.readFileSync(path.join(root, '.npmignore'), 'utf8');
    assert.ok(npmignore.split('\n').includes(`!${bin.bin.rlens}`), '.npmignore keeps the bundle in the package');
  });

  it('docs/ci.md documents GitHub Actions, GitLab CI and pre-commit, each with a YAML block', () => {
    const doc = fs.readFileSync(path.join(root, 'docs/ci.md'), 'utf8');
    for (const heading of [/^## GitHub Actions/m, /^## GitLab CI/m, /^## pre-commit/m]) assert.match(doc, heading);
    const kinds = fencedBlocks('docs/ci.md').filter((b) => b.language === 'yaml').map((b) => b.text.split('\n')[0]);
    assert.deepStrictEqual(kinds, ['# .github/workflows/rlens.yml', '# .gitlab-ci.yml', '# .pre-commit-config.yaml']);
  });

  for (const doc of DOCS) {
    it(`every YAML block of ${doc} parses, has the keys its CI system requires, and runs rlens commands the CLI accepts`, () => {
      for (const block of fencedBlocks(doc).filter((b) => ['yaml', 'yml'].includes(b.language))) {
        const where = `${doc}:${block.line}`;
        const document = parseDocument(block.text);
        assert.deepStrictEqual(document.errors.map((e) => e.message), [], where);
        assert.ok(isMap(document.contents) || isSeq(document.contents), `${where}: a mapping or a list`);
        const data = asObject(document.toJS(), where);
        const kind = block.text.split('\n')[0] ?? '';
        let commands: string[][];
        if (kind.includes('.github/workflows/')) commands = checkGithubWorkflow(data, where);
        else if (kind.includes('.gitlab-ci.yml')) commands = checkGitlab(data, where);
        else if (kind.includes('.pre-commit-config.yaml')) commands = checkPreCommitConfig(data, where);
        else assert.fail(`${where}: the first line names the file the block is (# .github/workflows/…, # .gitlab-ci.yml, # .pre-commit-config.yaml)`);
        assert.ok(commands.length > 0, `${where}: the recipe runs rlens`);
      }
    });

    it(`every rlens command in the shell blocks of ${doc} is one the CLI accepts`, () => {
      for (const block of fencedBlocks(doc).filter((b) => ['sh', 'bash', 'shell'].includes(b.language))) {
        for (const args of rlensCommands(block.text)) assertAccepted(args, `${doc}:${block.line}: rlens ${args.join(' ')}`);
      }
    });
  }

  it('the checks do catch a wrong recipe', () => {
    assert.throws(() => assertAccepted(['scan', '.', '--format', 'codequality'], 'x'), /--format codequality/);
    assert.throws(() => assertAccepted(['scan', '.', '--fail-on', 'high'], 'x'), /unknown option --fail-on/);
    assert.throws(() => assertAccepted(['lint', '.'], 'x'), /unknown command lint/);
    assert.throws(() => checkGitlab({ rlens: { script: ['rlens scan . --format json --output r.json'], artifacts: { when: 'always', reports: { junit: 'r.json' } } } }, 'x'), /junit report/);
    const workflow = (upload: Record<string, unknown>) => ({ on: 'push', permissions: { 'security-events': 'write' }, jobs: { a: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'rlens scan . --format sarif --output r.sarif' }, { uses: 'github/codeql-action/upload-sarif@v4', ...upload }] } } });
    assert.doesNotThrow(() => checkGithubWorkflow(workflow({ if: 'success() || failure()', with: { sarif_file: 'r.sarif' } }), 'x'));
    assert.throws(() => checkGithubWorkflow(workflow({ with: { sarif_file: 'r.sarif' } }), 'x'), /runs when rlens exits 1/);
    assert.throws(() => checkGithubWorkflow(workflow({ if: 'always()', with: { sarif_file: 'other.sarif' } }), 'x'), /sarif_file/);
    assert.deepStrictEqual(rlensCommands('npm ci && npx rlens scan . --format junit # comment\necho rlens'), [['scan', '.', '--format', 'junit']]);
  });
});
