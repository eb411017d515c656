import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { quickFixesFor } from '../../../server/src/features/quickFixes';
import type { PositionMap } from '../../../server/src/model/positionMap';
import { remapDocument, remapEmbedded, remapFinding, workspaceFiles, type WorkspaceFile } from '../../../server/src/model/rosWorkspace';
import { resolveTerraformReferences } from '../../../server/src/model/terraformResolve';
import type { IacDocument, Position, Range, Setting } from '../../../server/src/model/types';
import { entryOf } from '../../../server/src/parsers/dataTree';
import { parseJson } from '../../../server/src/parsers/json/jsonParser';
import { parseYaml } from '../../../server/src/parsers/yaml/yamlParser';
import { runRules } from '../../../server/src/rules/run';
import type { Finding, FixPlan } from '../../../server/src/rules/types';
import { LineIndex } from '../../../server/src/util/lineIndex';
import { applyEdits } from '../../helpers/applyEdits';
import { sharedEngine } from '../../helpers/engine';

const FIXTURES = path.join(__dirname, '../../fixtures/ros-workspace');

type Format = 'yaml' | 'json';

interface Template {
  readonly format: Format;
  readonly text: string;
  readonly files: WorkspaceFile[];
}

function template(format: Format): Template {
  const text = fs.readFileSync(path.join(FIXTURES, `terraform-sg.${format}`), 'utf8');
  const root = (format === 'yaml' ? parseYaml(text) : parseJson(text)).root;
  return { format, text, files: workspaceFiles(root, text, format) };
}

function file(t: Template, name: string): WorkspaceFile {
  const found = t.files.find((f) => f.name === name);
  assert.ok(found, `${name} not found`);
  return found;
}

/** Where `needle` is written in the template, searched from the line that holds `lineMarker`. */
function outerPosition(t: Template, lineMarker: string, needle: string): Position {
  const from = t.text.indexOf(needle, t.text.indexOf(lineMarker));
  assert.ok(from >= 0, `${needle} not in the template`);
  return new LineIndex(t.text).positionAt(from);
}

function written(t: Template, range: Range): string {
  const index = new LineIndex(t.text);
  return t.text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
}

async function parsed(f: WorkspaceFile): Promise<IacDocument> {
  return (await sharedEngine()).parseTerraform(f.map.text, f.kind);
}

function cidr(document: IacDocument): Setting {
  const setting = document.resources.flatMap((r) => r.settings).find((s) => s.path === 'cidr_ip');
  assert.ok(setting);
  return setting;
}

/** How `cidr_ip`'s value is written in each template: the Terraform quotes, escaped in JSON. */
const CIDR_VALUE: Record<Format, string> = { yaml: '"0.0.0.0/0"', json: String.raw`\"0.0.0.0/0\"` };
const CIDR_LINE: Record<Format, string> = { yaml: 'cidr_ip ', json: '"main.tf"' };

describe('ROS Terraform workspaces: finding the files', () => {
  for (const format of ['yaml', 'json'] as const) {
    it(`lists the .tf files of a ${format} template with Transform Aliyun::Terraform-v1.2, nothing else`, () => {
      const t = template(format);
      assert.deepStrictEqual(t.files.map((f) => [f.name, f.kind, f.map.syntax]), [
        ['main.tf', 'terraform', format === 'yaml' ? 'yaml-block' : 'json-string'],
        ['variables.tf', 'terraform', format === 'yaml' ? 'yaml-block' : 'json-string'],
      ]);
      assert.match(file(t, 'variables.tf').map.text, /安全组 ID/);
    });
  }

  it('needs a Terraform transform and a Workspace mapping; .tfvars files are variable files', () => {
    const files = (text: string): string[] => workspaceFiles(parseYaml(text).root, text, 'yaml').map((f) => `${f.name}:${f.kind}`);
    const workspace = 'Workspace:\n  main.tf: |\n    a = 1\n  terraform.tfvars: |\n    b = 2\n';
    assert.deepStrictEqual(files(`Transform: Aliyun::Terraform-v1.0\n${workspace}`), ['main.tf:terraform', 'terraform.tfvars:terraform-vars']);
    assert.deepStrictEqual(files(workspace), []);
    assert.deepStrictEqual(files(`Transform: Aliyun::Serverless-2018-04-03\n${workspace}`), []);
    assert.deepStrictEqual(files('Transform: Aliyun::Terraform-v1.2\nWorkspace: x\n'), []);
    assert.deepStrictEqual(workspaceFiles(null, '', 'json'), []);
  });

  it('leaves out files written as plain, quoted or folded scalars', () => {
    const text = 'Transform: Aliyun::Terraform-v1.2\nWorkspace:\n  a.tf: "x = 1"\n  b.tf: >\n    x = 1\n  c.tf: x\n  d.tf: |\n    x = 1\n';
    assert.deepStrictEqual(workspaceFiles(parseYaml(text).root, text, 'yaml').map((f) => f.name), ['d.tf']);
  });
});

describe('ROS Terraform workspaces: positions in the template', () => {
  for (const format of ['yaml', 'json'] as const) {
    it(`puts cidr_ip's key and value on their line and column of the ${format} template`, async () => {
      const t = template(format);
      const main = file(t, 'main.tf');
      const setting = cidr(remapDocument(await parsed(main), main.map));
      const key = outerPosition(t, CIDR_LINE[format], 'cidr_ip');
      const value = outerPosition(t, CIDR_LINE[format], CIDR_VALUE[format]);
      assert.deepStrictEqual(setting.keyRange.start, key);
      assert.strictEqual(written(t, setting.keyRange), 'cidr_ip');
      assert.deepStrictEqual(setting.valueRange.start, value);
      assert.strictEqual(written(t, setting.valueRange), CIDR_VALUE[format]);
      if (format === 'yaml') assert.deepStrictEqual([key, value], [{ line: 11, character: 6 }, { line: 11, character: 26 }]);
      else assert.strictEqual(key.line, 5);
    });

    it(`maps every range of the ${format} document: resources, headers, settings, values resolved in another embedded file`, async () => {
      const t = template(format);
      const main = file(t, 'main.tf');
      const variables = file(t, 'variables.tf');
      const maps = new Map<string, PositionMap>([['variables.tf', variables.map]]);
      const inner = resolveTerraformReferences(await parsed(main), [{ file: 'variables.tf', document: await parsed(variables) }]);
      const outer = remapDocument(inner, main.map, { mapOf: (name) => maps.get(name) });
      const resource = outer.resources[0];
      assert.ok(resource);
      assert.match(written(t, resource.headerRange), /^resource/);
      assert.match(written(t, resource.range), /^resource[\s\S]*0\.0\.0\.0\/0[\s\S]*}$/);
      const sg = resource.settings.find((s) => s.path === 'security_group_id');
      // The value comes from variables.tf, which lives in the same template: file null, range in the template.
      assert.strictEqual(sg?.resolved?.value, 'sg-1234');
      assert.strictEqual(sg.resolved.file, null);
      assert.strictEqual(written(t, sg.resolved.range), format === 'yaml' ? '"sg-1234"' : String.raw`\"sg-1234\"`);
      assert.strictEqual(written(t, sg.valueRange), 'var.sg_id');
    });
  }

  it('maps parse problems of a broken embedded file', async () => {
    const text = 'Transform: Aliyun::Terraform-v1.2\nWorkspace:\n  main.tf: |\n    resource "a" "b" {\n      x = \n';
    const [main] = workspaceFiles(parseYaml(text).root, text, 'yaml');
    assert.ok(main);
    const inner = await parsed(main);
    assert.ok(inner.problems.length > 0, 'the embedded file should have a syntax error');
    const outer = remapDocument(inner, main.map);
    for (const problem of outer.problems) assert.ok(problem.range.start.line >= 3, JSON.stringify(problem.range));
  });
});

describe('ROS Terraform workspaces: the full pipeline, without engine changes', () => {
  for (const format of ['yaml', 'json'] as const) {
    it(`annotates and finds sg-ingress-open-sensitive-port at the template's position (${format})`, async () => {
      const engine = await sharedEngine();
      const t = template(format);
      const value = outerPosition(t, CIDR_LINE[format], CIDR_VALUE[format]);
      const key = outerPosition(t, CIDR_LINE[format], 'cidr_ip');
      for (const embedded of t.files) {
        const inner = await parsed(embedded);
        const annotations = engine.annotate(remapDocument(inner, embedded.map), 'public-cloud').flatMap((r) => r.annotations);
        const findings = runRules(inner, engine.knowledge.rules, []).map((f) => remapFinding(f, embedded.map));
        if (embedded.name !== 'main.tf') continue;
        const annotation = annotations.find((a) => a.setting.path === 'cidr_ip');
        assert.ok(annotation, 'cidr_ip should be annotated');
        assert.deepStrictEqual(annotation.setting.keyRange.start, key);
        const finding = findings.find((f) => f.ruleId === 'sg-ingress-open-sensitive-port');
        assert.ok(finding, `findings: ${findings.map((f) => f.ruleId).join(', ')}`);
        assert.deepStrictEqual(finding.range.start, value);
        assert.strictEqual(written(t, finding.range), CIDR_VALUE[format]);
        // Its fixes stay in the embedded file's coordinates, built there as Terraform when asked for.
        assert.deepStrictEqual(finding.fixes.map((f) => f.kind), ['placeholder']);
        assert.ok(finding.embedded);
      }
    });
  }

  it('keeps a finding on the remapped document\'s own resource object', async () => {
    const engine = await sharedEngine();
    const main = file(template('yaml'), 'main.tf');
    const inner = await parsed(main);
    const { document, findings } = remapEmbedded(inner, runRules(inner, engine.knowledge.rules, []), main.map);
    assert.ok(findings.length > 0);
    for (const finding of findings) assert.ok(finding.resource && document.resources.includes(finding.resource));
  });
});

describe('ROS Terraform workspaces: fixes', () => {
  function embeddedMain(text: string, format: Format): string {
    const node = entryOf(entryOf((format === 'yaml' ? parseYaml(text) : parseJson(text)).root, 'Workspace')?.value, 'main.tf')?.value;
    return node?.kind === 'scalar' ? String(node.value) : '';
  }

  /** The fixes of a finding whose plans are `plans`, built on the template and on the embedded text directly. */
  async function bothWays(t: Template, plans: (setting: Setting, resource: Finding['resource']) => FixPlan[]): Promise<{ outer: string[]; inner: string[]; parses: boolean[] }> {
    const main = file(t, 'main.tf');
    const innerDocument = await parsed(main);
    const setting = cidr(innerDocument);
    const innerFinding: Finding = { ruleId: 'test', severity: 'high', message: { en: 'm', zh: 'm' }, range: setting.valueRange, resource: innerDocument.resources[0] ?? null, fixes: [] };
    const withPlans: Finding = { ...innerFinding, fixes: plans(setting, innerFinding.resource) };
    const outerFinding = remapFinding(withPlans, main.map);
    const outer = quickFixesFor(outerFinding, t.text, t.format).map((fix) => applyEdits(t.text, fix.changes.map((c) => ({ range: c.range, newText: c.newText }))));
    const inner = quickFixesFor(withPlans, main.map.text, 'terraform').map((fix) => applyEdits(main.map.text, fix.changes.map((c) => ({ range: c.range, newText: c.newText }))));
    const parses = outer.map((text) => (t.format === 'yaml' ? parseYaml(text) : parseJson(text)).errors.length === 0);
    return { outer: outer.map((text) => embeddedMain(text, t.format)), inner, parses };
  }

  for (const format of ['yaml', 'json'] as const) {
    it(`writes each fix into the template exactly as it would be written in the Terraform file (${format})`, async () => {
      const t = template(format);
      const { outer, inner, parses } = await bothWays(t, (s, resource) => [
        { kind: 'placeholder', range: s.valueRange, placeholder: '<trusted-cidr>' },
        { kind: 'set-value', range: s.valueRange, value: '10.0.0.0/8' },
        { kind: 'set-value', range: s.valueRange, value: true },
        { kind: 'remove-setting', range: { start: s.keyRange.start, end: s.valueRange.end } },
        ...(resource ? [{ kind: 'add-setting' as const, resource, path: 'description', value: 'ssh from the office' }] : []),
        { kind: 'extract-secret', range: s.valueRange, name: 'admin_cidr' },
      ]);
      // Six repairs and the rlens:ignore comment.
      assert.strictEqual(outer.length, 7);
      assert.deepStrictEqual(outer, inner);
      assert.ok(parses.every(Boolean), 'the template still parses after every fix');
      assert.match(outer[0] ?? '', /cidr_ip {11}= "<trusted-cidr>"\n/);
      assert.match(outer[5] ?? '', /cidr_ip {11}= var\.admin_cidr\n[\s\S]*variable "admin_cidr" \{\n  type      = string\n  sensitive = true\n\}\n$/);
      assert.match(outer[6] ?? '', /# rlens:ignore test reason\n {2}cidr_ip/);
    });
  }

  it('does not offer a fix that would write into another file', async () => {
    const t = template('yaml');
    const main = file(t, 'main.tf');
    const innerDocument = await parsed(main);
    const setting = cidr(innerDocument);
    const plan: FixPlan = { kind: 'extract-secret', range: setting.valueRange, name: 'admin_cidr' };
    const finding = remapFinding({ ruleId: 'test', severity: 'high', message: { en: 'm', zh: 'm' }, range: setting.valueRange, resource: null, fixes: [plan] }, main.map);
    // On a real module this fix writes into variables.tf; inside a template there is no such file to write.
    const direct = quickFixesFor({ ...finding, embedded: undefined, range: setting.valueRange }, main.map.text, 'terraform', { sibling: () => 'variable "x" {}\n' });
    assert.ok(direct.some((f) => f.changes.some((c) => c.file === 'variables.tf')), 'the direct fix does write variables.tf');
    const titles = quickFixesFor(finding, t.text, 'yaml', { sibling: () => 'variable "x" {}\n' }).map((f) => f.title.en);
    assert.ok(!titles.some((title) => title.includes('variables.tf')));
  });
});
