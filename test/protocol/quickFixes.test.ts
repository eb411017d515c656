import * as assert from 'assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, changedLines } from '../helpers/applyEdits';
import { LspClient } from './lspClient';

const RULE = 'sg-ingress-open-sensitive-port';

const TERRAFORM = `resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  port_range        = "22/22"
  security_group_id = "sg-123"
  # 来源：任意地址
  cidr_ip           = "0.0.0.0/0"
}
`;

const ROS_YAML = `ROSTemplateFormatVersion: '2015-09-01'
Resources:
  Rdp:
    Type: ALIYUN::ECS::SecurityGroupIngress
    Properties:
      SecurityGroupId: sg-123
      PortRange: 3389/3389
      SourceCidrIp: 0.0.0.0/0
`;

const ROS_JSON = `{
  "ROSTemplateFormatVersion": "2015-09-01",
  "Resources": {
    "Rdp": {
      "Type": "ALIYUN::ECS::SecurityGroupIngress",
      "Properties": { "SecurityGroupId": "sg-123", "PortRange": "3389/3389", "SourceCidrIp": "0.0.0.0/0" }
    }
  }
}
`;

describe('diagnostics and quick fixes over LSP', function () {
  this.timeout(30_000);
  let client: LspClient;

  beforeEach(async () => {
    client = await LspClient.start({ language: 'zh-cn' });
  });

  afterEach(async () => {
    await client.stop();
  });

  async function ruleDiagnostic(uri: string, languageId: string, text: string, version = 1): Promise<Diagnostic | undefined> {
    if (version === 1) await client.open(uri, languageId, text);
    else await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    const diagnostics = await client.diagnosticsFor(uri, version);
    return diagnostics.find((d) => d.code === RULE);
  }

  /** Applies `pick`'s action, reopens the result, and returns the new text and whether the finding is gone. */
  async function applyAndRecheck(uri: string, languageId: string, text: string, pick: (actions: CodeAction[]) => CodeAction | undefined): Promise<{ after: string; stillThere: boolean }> {
    const diagnostic = await ruleDiagnostic(uri, languageId, text);
    assert.ok(diagnostic, 'the rule reports');
    const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic])) ?? [];
    const action = pick(actions);
    assert.ok(action, `an action among: ${actions.map((a) => a.title).join(' | ')}`);
    const after = applyEdits(text, action.edit?.changes?.[uri] ?? []);
    const again = await ruleDiagnostic(uri, languageId, after, 2);
    return { after, stillThere: again !== undefined };
  }

  it('reports the finding, then the party that acts on the setting and the item, with a link to the rule', async () => {
    const diagnostic = await ruleDiagnostic('file:///tmp/rlens-fix/sg.tf', 'terraform', TERRAFORM);
    assert.ok(diagnostic);
    // The problem first (the Problems panel shows the start of the message), the party after.
    assert.doesNotMatch(diagnostic.message, /^客户配置/);
    assert.match(diagnostic.message, / —— 客户配置 · 云商提供 · 设置安全组$/);
    assert.strictEqual(diagnostic.severity, 1);
    assert.strictEqual(diagnostic.range.start.line, 5);
    assert.match(diagnostic.codeDescription?.href ?? '', /docs\/rules\/sg-ingress-open-sensitive-port\.md$/);
  });

  it('follows responsibilityLens.severity overrides', async () => {
    const refreshes = (): number => client.refreshes.filter((r) => r === 'inlayHint').length;
    let before = refreshes();
    await client.changeSettings({ language: 'en', severity: { [RULE]: 'low' } });
    await client.waitFor(() => refreshes() > before, 'settings applied');
    const diagnostic = await ruleDiagnostic('file:///tmp/rlens-fix/low.tf', 'terraform', TERRAFORM);
    assert.strictEqual(diagnostic?.severity, 3);
    before = refreshes();
    await client.changeSettings({ severity: { [RULE]: 'off' } });
    await client.waitFor(() => refreshes() > before, 'settings applied');
    await client.open('file:///tmp/rlens-fix/off.tf', 'terraform', TERRAFORM);
    assert.deepStrictEqual((await client.diagnosticsFor('file:///tmp/rlens-fix/off.tf', 1)).filter((d) => d.code === RULE), []);
  });

  it('shows the diagnostics of an open, unchanged file again in the new language and severity when the settings change', async () => {
    const uri = 'file:///tmp/rlens-fix/kept.tf';
    const before = await ruleDiagnostic(uri, 'terraform', TERRAFORM);
    assert.match(before?.message ?? '', /客户配置 · 云商提供 · 设置安全组$/);
    assert.strictEqual(before?.severity, 1);
    await client.changeSettings({ language: 'en', severity: { [RULE]: 'low' } });
    const current = (): Diagnostic | undefined => client.diagnostics.get(uri)?.diagnostics.find((d) => d.code === RULE);
    await client.waitFor(() => current()?.message.endsWith('Customer sets · cloud offers · Setting security groups') === true, 'the diagnostic again, in English');
    assert.strictEqual(current()?.severity, 3);
  });

  for (const [name, languageId, text, openLine, placeholder] of [
    ['sg.tf', 'terraform', TERRAFORM, '  cidr_ip           = "0.0.0.0/0"', '<trusted-cidr>'],
    ['rdp.ros.yaml', 'yaml', ROS_YAML, '      SourceCidrIp: 0.0.0.0/0', "'<trusted-cidr>'"],
    ['rdp.ros.json', 'json', ROS_JSON, '      "Properties": { "SecurityGroupId": "sg-123", "PortRange": "3389/3389", "SourceCidrIp": "0.0.0.0/0" }', '<trusted-cidr>'],
  ] as const) {
    it(`replaces an open CIDR with a placeholder to fill, changing only that value (${name})`, async () => {
      const uri = `file:///tmp/rlens-fix/${name}`;
      const { after, stillThere } = await applyAndRecheck(uri, languageId, text, (actions) => actions.find((a) => /占位符/.test(a.title)));
      const changed = changedLines(text, after);
      assert.deepStrictEqual(changed.before, [openLine]);
      assert.deepStrictEqual(changed.after, [openLine.replace('0.0.0.0/0', placeholder)]);
      assert.strictEqual(stillThere, false);
    });
  }

  for (const [name, languageId, text] of [
    ['ignore.tf', 'terraform', TERRAFORM],
    ['ignore.ros.yaml', 'yaml', ROS_YAML],
  ] as const) {
    it(`adds an rlens:ignore comment that suppresses the finding (${name})`, async () => {
      const uri = `file:///tmp/rlens-fix/${name}`;
      const { after, stillThere } = await applyAndRecheck(uri, languageId, text, (actions) => actions.find((a) => a.title.includes('rlens:ignore')));
      const changed = changedLines(text, after);
      assert.deepStrictEqual(changed.before, []);
      assert.strictEqual(changed.after.length, 1);
      assert.match(changed.after[0] ?? '', new RegExp(`^\\s*# rlens:ignore ${RULE} reason$`));
      assert.strictEqual(stillThere, false);
    });
  }

  it('offers no comment-based ignore in JSON, which has no comments', async () => {
    const uri = 'file:///tmp/rlens-fix/no-ignore.ros.json';
    const diagnostic = await ruleDiagnostic(uri, 'json', ROS_JSON);
    assert.ok(diagnostic);
    const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic])) ?? [];
    assert.ok(!actions.some((a) => a.title.includes('rlens:ignore')));
  });

  it('an ignore comment above a line that starts with a /* */ comment suppresses the finding', async () => {
    const text = TERRAFORM.replace('  # 来源：任意地址\n  cidr_ip           =', '  /* 来源：任意地址 */ cidr_ip =');
    assert.ok(text.includes('/* 来源：任意地址 */ cidr_ip'));
    const { after, stillThere } = await applyAndRecheck('file:///tmp/rlens-fix/block-comment.tf', 'terraform', text, (actions) => actions.find((a) => a.title.includes('rlens:ignore')));
    assert.match(after, /# rlens:ignore sg-ingress-open-sensitive-port reason\n {2}\/\* 来源/);
    assert.strictEqual(stillThere, false);
  });

  it('credentials: the provider\'s first, preferred fix is the environment or a profile; the backend gets no variable', async () => {
    const uri = 'file:///tmp/rlens-fix/providers.tf';
    const text = `terraform {\n  backend "oss" {\n    bucket     = "state"\n    access_key = "${['LTAI', 'fFfzUpEkgMpLlgYFQxYw'].join('')}"\n  }\n}\n\nprovider "alicloud" {\n  access_key = "${['LTAI', 'fFfzUpEkgMpLlgYFQxYw'].join('')}"\n}\n`;
    await client.changeSettings({ language: 'en' });
    await client.open(uri, 'terraform', text);
    const diagnostics = (await client.diagnosticsFor(uri, 1)).filter((d) => d.code === 'provider-hardcoded-credentials');
    assert.strictEqual(diagnostics.length, 2);
    for (const diagnostic of diagnostics) {
      const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic])) ?? [];
      const first = actions[0];
      assert.match(first?.title ?? '', /^(Remove access_key: read it from ALICLOUD_ACCESS_KEY in the environment or from a profile|删除 access_key：改从环境变量 ALICLOUD_ACCESS_KEY 或 profile 读取)$/);
      assert.strictEqual(first?.isPreferred, true);
      assert.strictEqual(actions.filter((a) => a.isPreferred).length, 1);
      const writesVariable = actions.some((a) => Object.values(a.edit?.changes ?? {}).some((edits) => edits.some((e) => e.newText.includes('var.'))));
      assert.strictEqual(writesVariable, diagnostic.range.start.line === 8, `line ${diagnostic.range.start.line}: ${actions.map((a) => a.title).join(' | ')}`);
    }
  });

  it('offers "fix all" of a rule as a source action, and its edit clears every finding of the rule', async () => {
    const uri = 'file:///tmp/rlens-fix/acls.tf';
    const text = ['a', 'b', 'c'].map((n) => `resource "alicloud_oss_bucket_acl" "${n}" {\n  bucket = "${n}"\n  acl    = "public-read"\n}\n`).join('\n');
    await client.open(uri, 'terraform', text);
    assert.strictEqual((await client.diagnosticsFor(uri, 1)).filter((d) => d.code === 'oss-bucket-public-acl').length, 3);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source'] } })) as CodeAction[];
    const all = actions.find((a) => a.kind === 'source.responsibilityLens.fixAll.oss-bucket-public-acl');
    assert.ok(all, actions.map((a) => a.kind).join(', '));
    const after = applyEdits(text, all.edit?.changes?.[uri] ?? []);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: after }] });
    assert.deepStrictEqual((await client.diagnosticsFor(uri, 2)).filter((d) => d.code === 'oss-bucket-public-acl'), []);
  });
});
