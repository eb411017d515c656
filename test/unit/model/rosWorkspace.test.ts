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
        // Its placeholder fix would be rendered as YAML/JSON (`'<trusted-cidr>'`), not Terraform: dropped.
        assert.deepStrictEqual(finding.fixes, []);
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
  /** A finding on `cidr_ip` of main.tf with the given repairs, remapped into the template. */
  async function remappedFixes(t: Template, plans: (setting: Setting) => FixPlan[]): Promise<Finding> {
    const main = file(t, 'main.tf');
    const inner = await parsed(main);
    const setting = cidr(inner);
    const finding: Finding = {
      ruleId: 'test',
      severity: 'high',
      message: { en: 'm', zh: 'm' },
      range: setting.valueRange,
      resource: inner.resources[0] ?? null,
      fixes: plans(setting),
      related: [{ file: null, range: setting.keyRange, message: { en: 'r', zh: 'r' } }],
    };
    return remapFinding(finding, main.map);
  }

  function applyFix(t: Template, finding: Finding, index: number): string {
    const fix = quickFixesFor(finding, t.text, t.format)[index];
    assert.ok(fix);
    return applyEdits(t.text, fix.changes.map((c) => ({ range: c.range, newText: c.newText })));
  }

  function embeddedMain(text: string, format: Format): string {
    const node = entryOf(entryOf((format === 'yaml' ? parseYaml(text) : parseJson(text)).root, 'Workspace')?.value, 'main.tf')?.value;
    return node?.kind === 'scalar' ? String(node.value) : '';
  }

  it('carries a plain string value into a YAML block by writing it between the Terraform quotes', async () => {
    const t = template('yaml');
    // `10.0.0.0/8` starts with a digit, so YAML would quote it ('10.0.0.0/8'): not Terraform, dropped.
    const finding = await remappedFixes(t, (s) => [
      { kind: 'set-value', range: s.valueRange, value: '10.0.0.0/8' },
      { kind: 'set-value', range: s.valueRange, value: 'office-cidr' },
    ]);
    assert.strictEqual(written(t, finding.related?.[0]?.range ?? finding.range), 'cidr_ip');
    assert.strictEqual(finding.fixes.length, 1);
    assert.match(embeddedMain(applyFix(t, finding, 0), 'yaml'), /\n {2}cidr_ip {11}= "office-cidr"\n/);
  });

  it('carries numbers, booleans and whole-line removals into a YAML block', async () => {
    const t = template('yaml');
    const finding = await remappedFixes(t, (s) => [
      { kind: 'set-value', range: s.valueRange, value: true },
      { kind: 'remove-setting', range: { start: s.keyRange.start, end: s.valueRange.end } },
    ]);
    assert.deepStrictEqual(finding.fixes.map((f) => f.kind), ['set-value', 'remove-setting']);
    assert.match(embeddedMain(applyFix(t, finding, 0), 'yaml'), /cidr_ip {11}= true\n/);
    const removed = embeddedMain(applyFix(t, finding, 1), 'yaml');
    assert.doesNotMatch(removed, /cidr_ip/);
    assert.match(removed, /security_group_id = var\.sg_id\n}\n$/);
  });

  it('drops what the outer syntax would write wrongly: strings and removals in JSON, additions and extractions anywhere', async () => {
    const json = template('json');
    const jsonFinding = await remappedFixes(json, (s) => [
      { kind: 'set-value', range: s.valueRange, value: '10.0.0.0/8' },
      { kind: 'placeholder', range: s.valueRange, placeholder: '<trusted-cidr>' },
      { kind: 'remove-setting', range: s.valueRange },
      { kind: 'set-value', range: s.valueRange, value: 8 },
    ]);
    assert.deepStrictEqual(jsonFinding.fixes.map((f) => f.kind), ['set-value']);
    assert.match(embeddedMain(applyFix(json, jsonFinding, 0), 'json'), /cidr_ip {11}= 8\n/);
    const yaml = template('yaml');
    const yamlFinding = await remappedFixes(yaml, (s) => [
      { kind: 'placeholder', range: s.valueRange, placeholder: '<trusted-cidr>' },
      { kind: 'extract-secret', range: s.valueRange, name: 'cidr' },
    ]);
    const withResource = await remappedFixes(yaml, () => []);
    assert.ok(withResource.resource);
    assert.deepStrictEqual(yamlFinding.fixes, []);
    const added = await remappedFixes(yaml, () => (withResource.resource ? [{ kind: 'add-setting', resource: withResource.resource, path: 'policy', value: 'accept' }] : []));
    assert.deepStrictEqual(added.fixes, []);
  });
});
