import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';

const TERRAFORM = 'resource "alicloud_instance" "web" {\n  image_id      = "ubuntu_22_04_x64_20G_alibase_20240101.vhd"\n  instance_type = "ecs.g7.large"\n}\n';
const CHOOSE_B = 'negotiable:\n  iaas:\n    os.public-image.vulnerability: b\n';
const CHOOSE_A = 'negotiable:\n  iaas:\n    os.public-image.vulnerability: a\n';

describe('the workspace contract (.rlens/contract.yaml)', function () {
  this.timeout(30_000);
  let client: LspClient | undefined;
  let workspace: string;
  let contractPath: string;

  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-contract-'));
    fs.mkdirSync(path.join(workspace, '.rlens'), { recursive: true });
    contractPath = path.join(workspace, '.rlens', 'contract.yaml');
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function imageHint(c: LspClient, uri: string): Promise<string> {
    const hints = (await c.inlayHints(uri)) ?? [];
    const hint = hints.find((h) => h.position.line === 1);
    if (!hint) return '';
    return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
  }

  /** Polls the hint with a deadline (the server refreshes asynchronously after a contract change). */
  async function hintBecomes(c: LspClient, uri: string, pattern: RegExp): Promise<string> {
    const deadline = Date.now() + 10_000;
    let label = '';
    while (Date.now() < deadline) {
      label = await imageHint(c, uri);
      if (pattern.test(label)) return label;
      await c.waitFor(() => false, 'a refresh', 200).catch(() => undefined);
    }
    assert.fail(`hint "${label}" never matched ${pattern}`);
  }

  it('a public image reads "negotiable" without a contract and names the chosen party with one (hint and hover)', async () => {
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const uri = `file://${workspace}/main.tf`;
    await client.open(uri, 'terraform', TERRAFORM);
    assert.match(await imageHint(client, uri), /^Negotiable · /);
    assert.strictEqual(client.statuses.at(-1)?.contract, 'none');
    await client.stop();

    fs.writeFileSync(contractPath, CHOOSE_B);
    client = await LspClient.start({ language: 'zh-cn', trusted: true }, 'en', {}, workspace);
    await client.waitFor(() => client?.statuses.at(-1)?.contract === 'loaded', 'contract loaded');
    await client.open(uri, 'terraform', TERRAFORM);
    assert.match(await imageHint(client, uri), /^云商（合同）$/);
    const hover = await client.hover(uri, { line: 1, character: 4 });
    const markdown = (hover?.contents as MarkupContent).value;
    assert.match(markdown, /（来自您的合同）/);
    assert.match(markdown, /合同约定：合同选定划分方式 b）/);
  });

  it('editing the contract on disk or in the editor updates the hint without a restart', async () => {
    fs.writeFileSync(contractPath, CHOOSE_B);
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const uri = `file://${workspace}/main.tf`;
    await client.open(uri, 'terraform', TERRAFORM);
    await hintBecomes(client, uri, /^Provider \(contract\)$/);

    fs.writeFileSync(contractPath, CHOOSE_A);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${contractPath}`, type: 2 }] });
    await hintBecomes(client, uri, /^Shared \(contract\)$/);

    const contractUri = `file://${contractPath}`;
    await client.open(contractUri, 'yaml', CHOOSE_A);
    await client.change(contractUri, 2, { start: { line: 2, character: 35 }, end: { line: 2, character: 36 } }, 'b');
    await hintBecomes(client, uri, /^Provider \(contract\)$/);
  });

  it('an untrusted workspace ignores the contract, and the status says so', async () => {
    fs.writeFileSync(contractPath, CHOOSE_B);
    client = await LspClient.start({ language: 'en', trusted: false }, 'en', {}, workspace);
    await client.waitFor(() => client?.statuses.at(-1)?.contract === 'untrusted', 'status "untrusted"');
    const uri = `file://${workspace}/main.tf`;
    await client.open(uri, 'terraform', TERRAFORM);
    assert.match(await imageHint(client, uri), /^Negotiable · /);
  });

  it('shows a contract\'s problems in the file, and completes item and option ids there', async () => {
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const contractUri = `file://${contractPath}`;
    await client.open(contractUri, 'yaml', 'negotiable:\n  iaas:\n    os.host-monitoring: z\n');
    const diagnostics = await client.diagnosticsFor(contractUri, 1);
    assert.ok(diagnostics.some((d) => d.code === 'contract' && d.range.start.line === 2 && /unknown option "z"/.test(d.message)), JSON.stringify(diagnostics));
    await client.change(contractUri, 2, { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, '    os.\n');

    const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: contractUri }, position: { line: 3, character: 7 } });
    assert.ok(items.some((i) => i.label === 'os.public-image.vulnerability'), items.map((i) => i.label).join(', '));
    const options = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: contractUri }, position: { line: 2, character: 25 } });
    assert.deepStrictEqual(options.map((i) => i.label), ['a', 'b', 'c']);

    const terraformUri = `file://${workspace}/main.tf`;
    await client.open(terraformUri, 'terraform', TERRAFORM);
    const elsewhere = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: terraformUri }, position: { line: 1, character: 2 } });
    assert.deepStrictEqual(elsewhere, []);
  });
});
