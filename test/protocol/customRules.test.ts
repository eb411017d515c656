import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspClient } from './lspClient';

const RULE = `rules:
  - id: team-instance-needs-description
    family: network
    severity: low
    item: network.network-type
    title: { en: Instances say what they are for, zh: 实例需写明用途 }
    message: { en: "{resource} has no description", zh: "{resource} 没有描述" }
    rationale: { en: Our team rule., zh: 团队规则。 }
    remediation: { en: Add a description., zh: 添加描述。 }
    references: []
    xref: { checkov: [], kics: [], infraguard: [], trivy: [] }
    terraform:
      - types: [alicloud_instance]
        when: { path: description, absent: true }
`;

const BROKEN = `rules:
  - id: broken-rule
    family: network
    severity: urgent
`;

const TERRAFORM = 'resource "alicloud_instance" "web" {\n  instance_name = "web"\n}\n';

describe('custom rules in .rlens/rules', function () {
  this.timeout(30_000);
  let client: LspClient | undefined;
  let workspace: string;

  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-custom-'));
    fs.mkdirSync(path.join(workspace, '.rlens', 'rules'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.rlens', 'rules', 'team.yaml'), RULE);
  });

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('runs the workspace\'s rules in a trusted workspace', async () => {
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const uri = `file://${workspace}/main.tf`;
    await client.open(uri, 'terraform', TERRAFORM);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const custom = diagnostics.find((d) => d.code === 'team-instance-needs-description');
    assert.ok(custom, diagnostics.map((d) => d.code).join(', '));
    assert.match(custom.message, /web has no description/);
  });

  it('loads no custom rules in an untrusted workspace', async () => {
    client = await LspClient.start({ language: 'en', trusted: false }, 'en', {}, workspace);
    const uri = `file://${workspace}/main.tf`;
    await client.open(uri, 'terraform', TERRAFORM);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.ok(!diagnostics.some((d) => d.code === 'team-instance-needs-description'));
  });

  it('shows the errors in Chinese when the language is Chinese', async () => {
    client = await LspClient.start({ language: 'zh-cn', trusted: true }, 'en', {}, workspace);
    const uri = `file://${workspace}/.rlens/rules/broken.yaml`;
    await client.open(uri, 'yaml', BROKEN);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.ok(diagnostics.length > 0 && diagnostics.every((d) => /[\u4e00-\u9fff]/.test(d.message)), diagnostics.map((d) => d.message).join('\n'));
  });

  it('shows schema errors as diagnostics in the rules file, on the offending key', async () => {
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const uri = `file://${workspace}/.rlens/rules/broken.yaml`;
    await client.open(uri, 'yaml', BROKEN);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const severity = diagnostics.find((d) => /severity/.test(d.message));
    assert.ok(severity, diagnostics.map((d) => d.message).join('\n'));
    assert.strictEqual(severity.range.start.line, 3);
    assert.ok(diagnostics.some((d) => /required property 'item'/.test(d.message)));
  });

  it('refuses a rule whose fix path is not attribute names: a problem on its line, and no quick fix writes it', async () => {
    const hostile = RULE.replace('        when: { path: description, absent: true }\n', '        when: { path: description, absent: true }\n        fix: { set: { path: "description\\n  provisioner \\"local-exec\\" { command = \\"id\\" }\\n  x", value: web } }\n');
    assert.notStrictEqual(hostile, RULE);
    fs.writeFileSync(path.join(workspace, '.rlens', 'rules', 'team.yaml'), hostile);
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const rulesUri = `file://${workspace}/.rlens/rules/team.yaml`;
    await client.open(rulesUri, 'yaml', hostile);
    const problems = await client.diagnosticsFor(rulesUri, 1);
    const problem = problems.find((d) => /fix path/.test(d.message));
    assert.ok(problem, problems.map((d) => d.message).join('\n'));
    assert.strictEqual(problem.range.start.line, 14);
    assert.match(problem.message, /修复路径/);
    const uri = `file://${workspace}/main.tf`;
    await client.open(uri, 'terraform', TERRAFORM);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.ok(!diagnostics.some((d) => d.code === 'team-instance-needs-description'));
    for (const diagnostic of diagnostics) {
      const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic])) ?? [];
      assert.ok(!actions.some((a) => Object.values(a.edit?.changes ?? {}).some((edits) => edits.some((e) => e.newText.includes('provisioner')))));
    }
  });
});
