import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import { carets } from '../helpers/caret';
import { LspClient } from './lspClient';

const examples = path.resolve(__dirname, '../../examples');
const uriOf = (relative: string): string => `file://${path.join(examples, relative)}`;
const read = (relative: string): string => fs.readFileSync(path.join(examples, relative), 'utf8');

function hintText(hint: InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

describe('language server over LSP', function () {
  this.timeout(30_000);
  let client: LspClient;

  beforeEach(async () => {
    client = await LspClient.start({ language: 'zh-cn' });
  });

  afterEach(async () => {
    await client.stop();
  });

  it('explains cidr_ip of a security-group rule on hover', async () => {
    const uri = uriOf('terraform/main.tf');
    const text = read('terraform/main.tf');
    await client.open(uri, 'terraform', text);
    const line = text.split('\n').findIndex((l) => l.includes('cidr_ip') && l.includes('来源'));
    const character = (text.split('\n')[line] ?? '').indexOf('cidr_ip') + 2;
    const hover = await client.hover(uri, { line, character });
    const markdown = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(markdown, /设置安全组/);
    assert.match(markdown, /承担为云服务客户提供安全组功能的责任/);
    assert.match(markdown, /含义\*：为云服务设置合理的安全组/);
    assert.match(markdown, /表1/);
    assert.match(markdown, /服务模式：IaaS/);
    assert.deepStrictEqual(hover?.range?.start, { line, character: character - 2 });
  });

  it('puts an inlay hint after the value even when Chinese text precedes the setting', async () => {
    const { text, positions } = carets('resource "alicloud_security_group_rule" "r" {\n  /* 来源：任意😀 */ cidr_ip = "0.0.0.0/0"|\n  type = "ingress"|\n}\n');
    const uri = 'file:///tmp/rlens-protocol/chinese.tf';
    await client.open(uri, 'terraform', text);
    const hints = (await client.inlayHints(uri)) ?? [];
    assert.deepStrictEqual(
      hints.map((h) => [h.position, hintText(h)]),
      // The open ingress rule's value gets its own hint; the next setting of the same party and item is folded.
      [[positions[0], '公网可达此规则开放的端口']],
    );
    const hover = await client.hover(uri, { line: 1, character: (positions[0]?.character ?? 0) - 14 });
    assert.match((hover?.contents as MarkupContent).value, /设置安全组/);
  });

  it('gives ROS YAML and JSON the same hints', async () => {
    await client.open(uriOf('ros/web-stack.ros.yaml'), 'yaml', read('ros/web-stack.ros.yaml'));
    await client.open(uriOf('ros/web-stack.ros.json'), 'json', read('ros/web-stack.ros.json'));
    const yaml = (await client.inlayHints(uriOf('ros/web-stack.ros.yaml'))) ?? [];
    const json = (await client.inlayHints(uriOf('ros/web-stack.ros.json'))) ?? [];
    assert.ok(yaml.length > 20);
    assert.deepStrictEqual(json.map(hintText), yaml.map(hintText));
  });

  it('shows a code lens on each mapped resource', async () => {
    const uri = uriOf('terraform/main.tf');
    await client.open(uri, 'terraform', read('terraform/main.tf'));
    const lenses = (await client.codeLens(uri)) ?? [];
    assert.ok(lenses.length >= 6);
    assert.ok(lenses.every((lens) => /^(IaaS|PaaS|SaaS) · /.test(lens.command?.title ?? '')));
  });

  it('applies a settings change to open documents without a restart', async () => {
    const uri = uriOf('terraform/main.tf');
    await client.open(uri, 'terraform', read('terraform/main.tf'));
    const before = (await client.inlayHints(uri)) ?? [];
    assert.ok(before.some((h) => hintText(h).startsWith('客户配置')));

    const refreshesBefore = client.refreshes.length;
    await client.changeSettings({ language: 'en', annotations: 'customer' });
    await client.waitFor(() => client.refreshes.length > refreshesBefore && client.statuses.at(-1)?.deploymentModeLabel.startsWith('Cloud service') === true, 'a refresh after the change');
    const customerOnly = (await client.inlayHints(uri)) ?? [];
    assert.ok(customerOnly.length > 0 && customerOnly.length <= before.length);
    assert.ok(customerOnly.every((h) => !/^(Provider|Vendor)/.test(hintText(h)) && [...hintText(h)].length <= 28), customerOnly.map(hintText).join('\n'));

    // Every setting's hint, folded repeats included, once responsibilityLens.showRepeatedHints is on.
    const refreshesBeforeAll = client.refreshes.filter((r) => r === 'inlayHint').length;
    await client.changeSettings({ showRepeatedHints: true });
    await client.waitFor(() => client.refreshes.filter((r) => r === 'inlayHint').length > refreshesBeforeAll, 'the refresh after showRepeatedHints');
    const all = (await client.inlayHints(uri)) ?? [];
    assert.ok(all.length > customerOnly.length, `${all.length} hints with repeats, ${customerOnly.length} folded`);
    await client.changeSettings({ showRepeatedHints: false });

    const refreshesBeforeOff = client.refreshes.filter((r) => r === 'inlayHint').length;
    await client.changeSettings({ annotations: 'off' });
    await client.waitFor(() => client.refreshes.filter((r) => r === 'inlayHint').length > refreshesBeforeOff, 'the refresh after the second change');
    assert.deepStrictEqual(await client.inlayHints(uri), []);
    assert.deepStrictEqual(await client.codeLens(uri), []);
  });

  it('reports the deployment mode and follows it in hovers', async () => {
    await client.changeSettings({ language: 'zh-cn', deploymentMode: 'cloud-software' });
    await client.waitFor(() => client.statuses.at(-1)?.deploymentMode === 'cloud-software', 'the new mode in the status');
    assert.strictEqual(client.statuses.at(-1)?.deploymentModeLabel, '云软件交付模式');
  });

  it('follows incremental edits', async () => {
    const uri = 'file:///tmp/rlens-protocol/edit.tf';
    await client.open(uri, 'terraform', 'resource "alicloud_instance" "web" {\n  instance_name = "a"\n}\n');
    assert.deepStrictEqual(await client.inlayHints(uri), []);
    await client.change(uri, 2, { start: { line: 1, character: 21 }, end: { line: 1, character: 21 } }, '\n  password = "Admin@123!"');
    const hints = (await client.inlayHints(uri)) ?? [];
    assert.deepStrictEqual(hints.map((h) => [h.position.line, hintText(h)]), [[2, '客户负责']]);
  });

  it('reports syntax errors as diagnostics and keeps serving after bad input', async () => {
    const broken = 'file:///tmp/rlens-protocol/broken.tf';
    await client.open(broken, 'terraform', 'resource "alicloud_instance" "web" {\n  password = "x" +\n}\n');
    await client.waitFor(() => (client.diagnostics.get(broken)?.diagnostics.length ?? 0) > 0, 'syntax diagnostics');
    assert.match(client.diagnostics.get(broken)?.diagnostics[0]?.message ?? '', /语法错误/);

    const nasty = [
      // Binary content as an editor decodes it: NULs and U+FFFD for bytes that are not UTF-8 (a NUL alone is text).
      ['file:///tmp/rlens-protocol/binary.tf', 'terraform', 'resource \u0000\u0001\u0002\ufffd {{{{'],
      ['file:///tmp/rlens-protocol/deep.tf', 'terraform', `a = ${'['.repeat(20_000)}`],
      ['file:///tmp/rlens-protocol/deep.yaml', 'yaml', `ROSTemplateFormatVersion: '2015-09-01'\nResources: ${'['.repeat(5_000)}`],
      ['file:///tmp/rlens-protocol/crlf.json', 'json', '{"ROSTemplateFormatVersion": "2015-09-01",\r\n "Resources": {"A": {"Type": "ALIYUN::ECS::Instance", "Properties": {"Password": "p"}}}\r\n'],
      ['file:///tmp/rlens-protocol/empty.yaml', 'yaml', ''],
    ] as const;
    for (const [uri, languageId, text] of nasty) {
      await client.open(uri, languageId, text);
      await client.hover(uri, { line: 0, character: 3 });
      await client.inlayHints(uri);
      await client.codeLens(uri);
    }
    await client.waitFor(() => client.diagnostics.has('file:///tmp/rlens-protocol/binary.tf'), 'the binary file notice');
    assert.match(client.diagnostics.get('file:///tmp/rlens-protocol/binary.tf')?.diagnostics[0]?.message ?? '', /二进制/);
    const crlf = (await client.inlayHints('file:///tmp/rlens-protocol/crlf.json')) ?? [];
    assert.deepStrictEqual(crlf.map((h) => h.position.line), [1]);
    assert.ok(client.alive, 'the server is still running');
    const uri = uriOf('terraform/main.tf');
    await client.open(uri, 'terraform', read('terraform/main.tf'));
    assert.ok(((await client.inlayHints(uri)) ?? []).length > 0, 'and still answers');
  });
});
