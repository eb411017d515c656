import * as assert from 'assert';
import Ajv from 'ajv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../server/src/cli/main';
import { sharedEngine } from '../../helpers/engine';
import { sarifValidator } from '../../helpers/sarif';
import { filesUnder, leakedIn, rawSecretsIn } from '../../helpers/secrets';

const root = path.resolve(__dirname, '../../..');

async function rlens(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, env: { LANG: 'en_US.UTF-8' } });
  return { code, stdout, stderr };
}

interface JsonFinding {
  ruleId: string;
  file: string;
  severity: string;
  baseline?: string;
  fingerprint?: string;
  range: { start: { line: number } };
}

describe('rlens scan --baseline / --create-baseline', function () {
  this.timeout(120_000);
  let work: string;
  let cwd: string;
  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-baseline-'));
    fs.cpSync(path.join(root, 'examples'), path.join(work, 'examples'), { recursive: true });
    cwd = work;
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));
  // Absolute paths: the in-process CLI reads paths from the test's working directory and reports them relative to `cwd`.
  const at = (...parts: string[]) => path.join(work, ...parts);

  it('records today\'s findings without any value or secret, in the documented format', async () => {
    const created = await rlens(cwd, 'scan', at('examples'), '--create-baseline', at('baseline.json'), '--format', 'json');
    assert.strictEqual(created.code, 0, 'what was just accepted does not fail the run');
    assert.match(created.stderr, /^rlens: Baseline written to .*baseline\.json: 77 finding\(s\) accepted\.\n$/);
    const text = fs.readFileSync(at('baseline.json'), 'utf8');
    const baseline = JSON.parse(text) as { version: number; findings: { fingerprint: string; ruleId: string; file: string; count: number }[] };
    const schema = JSON.parse(fs.readFileSync(path.join(root, 'docs/baseline.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: true }).compile(schema);
    assert.ok(validate(baseline), JSON.stringify(validate.errors));
    assert.strictEqual(baseline.version, 1);
    assert.strictEqual(baseline.findings.reduce((n, e) => n + e.count, 0), 77);
    const engine = await sharedEngine();
    const secrets = rawSecretsIn(engine, filesUnder(path.join(root, 'examples')));
    assert.ok(secrets.size >= 3);
    assert.strictEqual(leakedIn(text, secrets), 0, 'no secret in the baseline');
    for (const masked of ['Prod…12', 'Rds@…4!']) assert.ok(!text.includes(masked), 'not even masked forms');
    assert.ok(!text.includes('0.0.0.0/0') && !text.includes('public-read'), 'no value');
    const report = JSON.parse(created.stdout) as { findings: JsonFinding[] };
    assert.ok(report.findings.every((f) => f.baseline === 'unchanged' && /^[0-9a-f]{64}$/.test(f.fingerprint ?? '')));
  });

  it('accepts the recorded findings: exit 0, reported as in the baseline in text, JSON, SARIF (baselineState, external suppression) and JUnit', async () => {
    const text = await rlens(cwd, 'scan', at('examples'), '--baseline', at('baseline.json'));
    assert.strictEqual(text.code, 0, text.stdout.slice(-500));
    assert.match(text.stdout, /\n0 new finding\(s\), 77 in baseline, 0 suppressed, 0 error\(s\) in 12 file\(s\) scanned\.\n$/);
    assert.ok(text.stdout.split('\n').filter((l) => l.endsWith(' [in baseline]')).length === 77);
    const sarifOut = await rlens(cwd, 'scan', at('examples'), '--baseline', at('baseline.json'), '--format', 'sarif');
    assert.strictEqual(sarifOut.code, 0);
    const log = JSON.parse(sarifOut.stdout) as { runs: { results: { baselineState?: string; suppressions?: { kind: string; justification?: string }[] }[] }[] };
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const results = log.runs[0]?.results ?? [];
    assert.strictEqual(results.length, 77);
    assert.ok(results.every((r) => r.baselineState === 'unchanged' && r.suppressions?.[0]?.kind === 'external' && r.suppressions[0].justification === 'Accepted in the rlens baseline (--baseline).'));
    const junit = await rlens(cwd, 'scan', at('examples'), '--baseline', at('baseline.json'), '--format', 'junit');
    assert.strictEqual(junit.code, 0);
    assert.strictEqual((junit.stdout.match(/<skipped message="accepted in the baseline \(--baseline\)"\/>/g) ?? []).length, 77);
    assert.ok(!junit.stdout.includes('<failure'));
  });

  it('keeps findings accepted when lines are added above them, and fails on a new finding only', async () => {
    const main = at('examples', 'terraform', 'main.tf');
    const storage = at('examples', 'terraform', 'storage.tf');
    fs.writeFileSync(main, `# a comment\n# and another\n\n${fs.readFileSync(main, 'utf8')}`);
    fs.writeFileSync(storage, `locals {\n  team = "data"\n}\n\n${fs.readFileSync(storage, 'utf8')}`);
    const moved = await rlens(cwd, 'scan', at('examples'), '--baseline', at('baseline.json'), '--format', 'json');
    assert.strictEqual(moved.code, 0, 'nothing new');
    const findings = (JSON.parse(moved.stdout) as { findings: JsonFinding[] }).findings;
    assert.strictEqual(findings.length, 77);
    assert.ok(findings.every((f) => f.baseline === 'unchanged'));
    fs.appendFileSync(storage, '\nresource "alicloud_oss_bucket_acl" "extra" {\n  bucket = "extra"\n  acl    = "public-read-write"\n}\n');
    const added = await rlens(cwd, 'scan', at('examples'), '--baseline', at('baseline.json'), '--format', 'json');
    assert.strictEqual(added.code, 1);
    const fresh = (JSON.parse(added.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.baseline === 'new');
    assert.ok(fresh.length >= 1, 'the new bucket ACL is reported');
    assert.ok(fresh.every((f) => f.file.endsWith('storage.tf')), JSON.stringify(fresh.map((f) => f.file)));
    const text = await rlens(cwd, 'scan', at('examples'), '--baseline', at('baseline.json'));
    const newLines = text.stdout.split('\n').filter((l) => /:\d+:\d+: /.test(l) && !l.endsWith('[in baseline]'));
    assert.strictEqual(newLines.length, fresh.length, newLines.join('\n'));
  });

  it('treats a changed value as a new finding', async () => {
    const file = at('examples', 'terraform', 'storage.tf');
    const before = fs.readFileSync(file, 'utf8');
    assert.ok(before.includes('"public-read"'));
    fs.writeFileSync(file, before.replace('"public-read"', '"public-read-write"'));
    const changed = await rlens(cwd, 'scan', at('examples', 'terraform', 'storage.tf'), '--baseline', at('baseline.json'), '--format', 'json');
    const fresh = (JSON.parse(changed.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.baseline === 'new');
    assert.ok(fresh.some((f) => f.ruleId === 'oss-bucket-public-acl'), JSON.stringify(fresh.map((f) => f.ruleId)));
  });

  it('refuses a missing or malformed baseline with one line and exit 2', async () => {
    const missing = await rlens(cwd, 'scan', at('examples'), '--baseline', at('nope.json'));
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /^rlens: Cannot read the baseline .*nope\.json: its folder does not exist\n$|^rlens: Cannot read the baseline .*nope\.json: error ENOENT\n$/);
    fs.writeFileSync(at('bad.json'), JSON.stringify({ version: 2, findings: [] }));
    const bad = await rlens(cwd, 'scan', at('examples'), '--baseline', at('bad.json'));
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /^rlens: .*bad\.json is not an rlens baseline of version 1: "version" is 2\. Create it again with --create-baseline\.\n$/);
  });

  it('never reads its own baseline file as an input, even inside the scanned folder', async () => {
    fs.copyFileSync(at('baseline.json'), at('examples', 'baseline.json'));
    const { code, stdout } = await rlens(cwd, 'scan', at('examples'), '--baseline', at('examples', 'baseline.json'), '--format', 'json');
    assert.ok(code === 0 || code === 1);
    const report = JSON.parse(stdout) as { findings: JsonFinding[] };
    assert.ok(!report.findings.some((f) => f.file.endsWith('baseline.json')));
  });
});

describe('rlens scan --min-severity and --max-findings-per-file', function () {
  this.timeout(120_000);

  it('--min-severity hides findings below it from every format, while the exit code follows --severity-threshold', async () => {
    const json = await rlens(root, 'scan', 'examples', '--min-severity', 'high', '--format', 'json');
    assert.strictEqual(json.code, 1);
    const report = JSON.parse(json.stdout) as { findings: JsonFinding[]; hidden?: { below: string; count: number } };
    assert.ok(report.findings.length > 0 && report.findings.every((f) => f.severity === 'high' || f.severity === 'critical'));
    assert.deepStrictEqual(report.hidden, { below: 'high', count: 77 - report.findings.length });
    const text = await rlens(root, 'scan', 'examples', '--min-severity', 'critical');
    assert.match(text.stdout, /finding\(s\) below critical not shown \(--min-severity\)/);
    assert.ok(!/: (high|medium|low) /.test(text.stdout));
    // Hidden low findings still fail a scan whose threshold is low.
    const lowOnly = 'test/fixtures/rules/variable-secret-not-sensitive/positive.tf';
    const hidden = await rlens(root, 'scan', lowOnly, '--min-severity', 'critical', '--format', 'json');
    assert.strictEqual(hidden.code, 1);
    assert.strictEqual((JSON.parse(hidden.stdout) as { findings: unknown[] }).findings.length, 0);
    assert.strictEqual((await rlens(root, 'scan', lowOnly, '--severity-threshold', 'critical')).code, 0);
    assert.strictEqual((await rlens(root, 'scan', 'examples', '--min-severity', 'severe')).code, 2);
  });

  it('lists at most N findings of one file, the most severe first, and says how many were left out in every format', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-cap-'));
    try {
      const file = path.join(work, 'many.tf');
      let text = '';
      for (let i = 0; i < 300; i++) text += `resource "alicloud_oss_bucket" "b${i}" {\n  bucket = "b${i}"\n  acl    = "public-read"\n}\n`;
      fs.writeFileSync(file, text);
      const json = await rlens(work, 'scan', file, '--format', 'json');
      assert.strictEqual(json.code, 1);
      const report = JSON.parse(json.stdout) as { findings: JsonFinding[]; truncated: { file: string; listed: number; omitted: number; message: { en: string; zh: string } }[] };
      assert.strictEqual(report.findings.length, 1000, 'the default limit');
      const omitted = report.truncated[0]?.omitted ?? 0;
      assert.ok(omitted > 0);
      assert.deepStrictEqual(report.truncated.map((t) => [t.file, t.listed]), [['many.tf', 1000]]);
      assert.match(report.truncated[0]?.message.zh ?? '', /此文件另有 \d+ 个问题未列出/);
      const few = await rlens(work, 'scan', file, '--format', 'json', '--max-findings-per-file', '5', '--severity-threshold', 'high');
      assert.strictEqual(few.code, 1, 'the most severe are kept, so the exit code is the same');
      const kept = (JSON.parse(few.stdout) as { findings: JsonFinding[] }).findings;
      assert.strictEqual(kept.length, 5);
      assert.ok(kept.every((f) => f.severity === 'high'), JSON.stringify(kept.map((f) => f.severity)));
      assert.deepStrictEqual(kept.map((f) => f.range.start.line), [...kept.map((f) => f.range.start.line)].sort((a, b) => a - b), 'in file order');
      const textOut = await rlens(work, 'scan', file, '--max-findings-per-file', '5');
      assert.match(textOut.stdout, new RegExp(`many\\.tf: note: ${1000 + omitted - 5} more finding\\(s\\) in this file not listed: at most 5 per file`));
      const sarif = JSON.parse((await rlens(work, 'scan', file, '--format', 'sarif', '--max-findings-per-file', '5')).stdout) as { runs: { invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[] };
      assert.ok(sarif.runs[0]?.invocations[0]?.toolExecutionNotifications.some((n) => n.level === 'warning' && /more finding\(s\) in this file not listed/.test(n.message.text)));
      const junit = (await rlens(work, 'scan', file, '--format', 'junit', '--max-findings-per-file', '5')).stdout;
      assert.match(junit, /<system-out>\d+ more finding\(s\) in this file not listed: at most 5 per file/);
      assert.strictEqual((await rlens(work, 'scan', file, '--max-findings-per-file', '0')).code, 2);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
