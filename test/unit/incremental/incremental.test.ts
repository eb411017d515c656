import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { defaultAssetPaths } from '../../../server/src/assets';
import { Engine, type FileAnalysis } from '../../../server/src/engine';
import { readRuleFile } from '../../../server/src/rules/custom';
import { originOf } from '../../../server/src/incremental/shift';
import { BUILTIN_CODE_RULES } from '../../../server/src/rules/builtin';
import { sharedEngine } from '../../helpers/engine';

/**
 * Per-resource reuse across edits (model blocks, rule findings, annotations): an edited document must come out
 * exactly as the same text analysed fresh, down to fix plans and object links, and what an edit did not touch
 * must really be reused.
 */

const MODE = { mode: 'public-cloud' } as const;
const ROOT = path.join(__dirname, '..', '..', '..');

function terraformInputs(): { name: string; text: string }[] {
  const files = [
    ...fs.readdirSync(path.join(ROOT, 'examples', 'terraform')).map((f) => path.join(ROOT, 'examples', 'terraform', f)),
    ...fs.readdirSync(path.join(ROOT, 'test', 'fixtures', 'rules')).flatMap((rule) =>
      ['positive.tf', 'negative.tf', 'positive.tfvars'].map((f) => path.join(ROOT, 'test', 'fixtures', 'rules', rule, f)),
    ),
  ];
  return files.filter((f) => fs.existsSync(f) && /\.tf(vars)?$/.test(f)).map((f) => ({ name: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8') }));
}

/** Edits that keep, add and remove lines, before, inside and after blocks. */
function editsOf(text: string): { what: string; apply: (t: string) => string }[] {
  const firstBlockEnd = text.indexOf('\n}');
  const middle = text.indexOf('"', Math.floor(text.length / 2));
  const edits = [
    { what: 'a blank line at the top', apply: (t: string) => `\n${t}` },
    { what: 'two lines at the top', apply: (t: string) => `# note\n# 注释\n${t}` },
    { what: 'a letter at the end', apply: (t: string) => `${t}x` },
  ];
  if (firstBlockEnd > 0) {
    edits.push({ what: 'a line after the first block', apply: (t) => `${t.slice(0, firstBlockEnd + 2)}\n${t.slice(firstBlockEnd + 2)}` });
    edits.push({ what: 'the first block broken', apply: (t) => `${t.slice(0, firstBlockEnd)}${t.slice(firstBlockEnd + 2)}` });
  }
  if (middle > 0) edits.push({ what: 'a letter in a string mid-file', apply: (t) => `${t.slice(0, middle + 1)}Z${t.slice(middle + 1)}` });
  const firstNewline = text.indexOf('\n');
  if (firstNewline >= 0) edits.push({ what: 'the first line break removed', apply: (t) => t.slice(0, firstNewline) + t.slice(firstNewline + 1) });
  return edits;
}

function fresh(engine: Engine, fileName: string, text: string): FileAnalysis {
  const id = `incremental-test:fresh:${fileName}`;
  try {
    return engine.analyse(id, fileName, text, MODE);
  } finally {
    engine.forget(id);
  }
}

/** Every link of an analysis points into its own document: findings' and annotations' resources and settings. */
function assertLinked(analysis: FileAnalysis, what: string): void {
  if (analysis.status !== 'analysed') return;
  const resources = new Set(analysis.document.resources);
  const settings = new Set(analysis.document.resources.flatMap((r) => r.settings));
  for (const finding of analysis.findings) {
    if (finding.resource) assert.ok(resources.has(finding.resource), `${what}: a finding of ${finding.ruleId} points at a resource not in the document`);
    for (const fix of finding.fixes) if (fix.kind === 'add-setting') assert.ok(resources.has(fix.resource), `${what}: an add-setting fix points at a stale resource`);
  }
  for (const entry of analysis.resources) {
    assert.ok(resources.has(entry.resource), `${what}: annotations of a resource not in the document`);
    for (const annotation of entry.annotations) {
      assert.ok(annotation.resource === entry.resource, `${what}: an annotation points at another resource`);
      assert.ok(settings.has(annotation.setting), `${what}: an annotation points at a setting not in the document`);
    }
  }
}

describe('incremental analysis (per-resource reuse)', () => {
  let engine: Engine;
  before(async () => {
    engine = await sharedEngine();
  });

  it('gives exactly the fresh analysis after edits that keep, add or remove lines, in every example and fixture', function () {
    this.timeout(120_000);
    const inputs = terraformInputs();
    assert.ok(inputs.length > 40, `only ${inputs.length} inputs`);
    for (const input of inputs) {
      for (const variant of [input.text, input.text.replace(/\n/g, '\r\n')]) {
        for (const edit of editsOf(variant)) {
          const id = `incremental-test:${input.name}`;
          const label = `${input.name}${variant === input.text ? '' : ' (CRLF)'}, ${edit.what}`;
          engine.analyse(id, input.name, variant, MODE);
          const edited = edit.apply(variant);
          const viaEdit = engine.analyse(id, input.name, edited, MODE);
          assert.deepStrictEqual(viaEdit, fresh(engine, input.name, edited), label);
          assertLinked(viaEdit, label);
          // …and back: the original again, through the edited text's blocks.
          const back = engine.analyse(id, input.name, variant, MODE);
          assert.deepStrictEqual(back, fresh(engine, input.name, variant), `${label}, then undone`);
          assertLinked(back, `${label}, then undone`);
          engine.forget(id);
        }
      }
    }
  });

  it('reuses the resources, findings and annotations of the blocks an edit did not touch', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'terraform', 'main.tf'), 'utf8');
    const id = 'incremental-test:reuse';
    const before = engine.analyse(id, 'main.tf', text, MODE);
    // A letter typed into the last block's first string: every other block is untouched and unmoved.
    const lastBlock = text.lastIndexOf('\nresource ');
    const quote = text.indexOf('"', text.indexOf('\n', lastBlock + 1));
    const after = engine.analyse(id, 'main.tf', `${text.slice(0, quote + 1)}q${text.slice(quote + 1)}`, MODE);
    engine.forget(id);
    assert.ok(before.status === 'analysed' && after.status === 'analysed');
    const edited = after.document.resources[after.document.resources.length - 1];
    const kept = after.document.resources.filter((r) => r !== edited);
    assert.ok(kept.length >= 5, `main.tf has ${kept.length + 1} resources`);
    for (const resource of kept) assert.ok(before.document.resources.includes(resource), `${resource.type}.${resource.name} was built again`);
    assert.ok(!before.document.resources.includes(edited as never), 'the edited block was not built again');
    // Rules that look across resources run again on every edit; the others are kept per resource.
    const acrossResources = new Set(BUILTIN_CODE_RULES.filter((rule) => rule.scope === 'document').map((rule) => rule.meta.id));
    const keptFindings = after.findings.filter((f) => kept.includes(f.resource as never) && !acrossResources.has(f.ruleId));
    assert.ok(keptFindings.length > 0, 'main.tf has findings on untouched blocks');
    for (const finding of keptFindings) assert.ok(before.findings.includes(finding), `finding ${finding.ruleId} was computed again`);
    const keptAnnotations = after.resources.filter((entry) => entry.resource !== edited);
    for (const entry of keptAnnotations) assert.ok(before.resources.includes(entry), `annotations of ${entry.resource.name} were computed again`);
  });

  it('moves the results of blocks below a line added above them instead of computing them again', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'terraform', 'main.tf'), 'utf8');
    const id = 'incremental-test:moved';
    const before = engine.analyse(id, 'main.tf', text, MODE);
    const after = engine.analyse(id, 'main.tf', `\n${text}`, MODE);
    engine.forget(id);
    assert.ok(before.status === 'analysed' && after.status === 'analysed');
    assert.strictEqual(after.document.resources.length, before.document.resources.length);
    after.document.resources.forEach((resource, index) => {
      const earlier = before.document.resources[index];
      assert.ok(earlier && resource !== earlier, 'a moved resource is a new object');
      assert.strictEqual(resource.range.start.line, earlier.range.start.line + 1);
    });
    assert.deepStrictEqual(after, fresh(engine, 'main.tf', `\n${text}`));
    // Once analysed, a moved resource no longer points back at the one it was copied from (which would keep every
    // earlier generation of the model alive).
    for (const resource of after.document.resources) assert.strictEqual(originOf(resource), undefined);
  });

  it('does not serve findings of another rule set: custom rules added, then removed, apply at once to an unchanged text', async () => {
    // An engine of its own: custom rules must not leak into the other tests.
    const own = await Engine.create();
    const assets = defaultAssetPaths();
    const ruleFile = `rules:
  - id: team-instance-description
    family: network
    severity: low
    item: network.network-type
    title: { en: Describe instances, zh: 为实例写描述 }
    message: { en: Describe the instance, zh: 请为实例写描述 }
    rationale: { en: r, zh: r }
    remediation: { en: f, zh: f }
    references: []
    xref: { checkov: [], kics: [], infraguard: [], trivy: [] }
    terraform:
      - types: [alicloud_instance]
        when: { path: description, absent: true }
`;
    const custom = readRuleFile(ruleFile, '/w/.rlens/rules/team.yaml', own.knowledge, path.join(assets.matricesDir, 'schema'));
    assert.deepStrictEqual(custom.problems, []);
    const text = 'resource "alicloud_instance" "web" {\n  instance_type = "ecs.g7.large"\n}\n';
    const count = (analysis: FileAnalysis): number => (analysis.status === 'analysed' ? analysis.findings.filter((f) => f.ruleId === 'team-instance-description').length : -1);
    assert.strictEqual(count(own.analyse('doc', 'main.tf', text, MODE)), 0);
    own.setCustomRules(custom.rules);
    assert.strictEqual(count(own.analyse('doc', 'main.tf', text, MODE)), 1, 'the new rule is not applied to the unchanged blocks');
    own.setCustomRules([]);
    assert.strictEqual(count(own.analyse('doc', 'main.tf', text, MODE)), 0, 'the removed rule still reports');
  });

  it('builds a block with a syntax error from the tree every time', () => {
    const text = 'resource "alicloud_instance" "a" {\n  image_id = "x"\n  broken = ]\n}\n\nresource "alicloud_instance" "b" {\n  image_id = "y"\n}\n';
    const id = 'incremental-test:errors';
    const before = engine.analyse(id, 'main.tf', text, MODE);
    const after = engine.analyse(id, 'main.tf', `${text}\n`, MODE);
    engine.forget(id);
    assert.ok(before.status === 'analysed' && after.status === 'analysed');
    assert.ok(after.document.problems.length > 0, 'the text has a syntax error');
    const broken = after.document.resources.find((r) => r.name === 'a');
    const intact = after.document.resources.find((r) => r.name === 'b');
    assert.ok(broken && intact);
    assert.ok(!before.document.resources.includes(broken), 'the block with the error was reused');
    assert.ok(before.document.resources.includes(intact), 'the intact block was not reused');
    assert.deepStrictEqual(after, fresh(engine, 'main.tf', `${text}\n`));
  });
});
