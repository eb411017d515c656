import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspClient } from './lspClient';

/** Trust by default, the end of the LSP lifecycle, dependents of variable files, and the file-size setting. */

const SSH_RULE = 'resource "alicloud_security_group_rule" "ssh" {\n  type       = "ingress"\n  port_range = "22/22"\n  cidr_ip    = var.admin_cidr\n}\n';
const VARIABLES = 'variable "admin_cidr" {\n  type = string\n}\n';
const OPEN_CIDR = 'admin_cidr = "0.0.0.0/0"\n';
const OFFICE_CIDR = 'admin_cidr = "10.20.0.0/16"\n';

describe('the server over LSP: trust, shutdown, module dependents, size limit', function () {
  this.timeout(30_000);
  let client: LspClient | undefined;
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-lifecycle-'));
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function uriOf(name: string): string {
    return `file://${path.join(dir, name)}`;
  }

  function codes(uri: string): string[] {
    return (client?.diagnostics.get(uri)?.diagnostics ?? []).map((d) => String(d.code));
  }

  it('treats the workspace as untrusted when the client does not say it is trusted: no contract is loaded', async () => {
    fs.mkdirSync(path.join(dir, '.rlens'));
    fs.writeFileSync(path.join(dir, '.rlens', 'contract.yaml'), 'negotiable:\n  iaas:\n    os.public-image.vulnerability: b\n');
    client = await LspClient.start({ language: 'en' }, 'en', {}, dir);
    await client.waitFor(() => client?.statuses.at(-1)?.contract !== undefined, 'a status with the contract state');
    assert.strictEqual(client.statuses.at(-1)?.contract, 'untrusted');
  });

  it('refuses requests after shutdown with InvalidRequest', async () => {
    client = await LspClient.start({ language: 'en' });
    const uri = 'file:///tmp/rlens-lifecycle/main.tf';
    await client.open(uri, 'terraform', SSH_RULE);
    assert.notStrictEqual(await client.hover(uri, { line: 3, character: 5 }), undefined, 'answered while running');
    await client.connection.sendRequest('shutdown');
    await assert.rejects(client.hover(uri, { line: 3, character: 5 }), (error: { code?: number }) => error.code === -32600);
    await assert.rejects(client.inlayHints(uri), (error: { code?: number }) => error.code === -32600);
  });

  it('re-checks the open main.tf when the open terraform.tfvars it reads values from is edited', async () => {
    fs.writeFileSync(path.join(dir, 'variables.tf'), VARIABLES);
    fs.writeFileSync(path.join(dir, 'terraform.tfvars'), OFFICE_CIDR);
    fs.writeFileSync(path.join(dir, 'main.tf'), SSH_RULE);
    client = await LspClient.start({ language: 'en' });
    const main = uriOf('main.tf');
    const tfvars = uriOf('terraform.tfvars');
    await client.open(main, 'terraform', SSH_RULE);
    await client.open(tfvars, 'terraform-vars', OFFICE_CIDR);
    assert.ok(!(await client.diagnosticsFor(main, 1)).some((d) => d.code === 'sg-ingress-open-sensitive-port'), 'an office range is fine');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: tfvars, version: 2 }, contentChanges: [{ text: OPEN_CIDR }] });
    await client.waitFor(() => codes(main).includes('sg-ingress-open-sensitive-port'), 'main.tf re-checked with the edited tfvars value');
  });

  it('re-checks the open main.tf when an auto-loaded variable file changes on disk', async () => {
    fs.writeFileSync(path.join(dir, 'variables.tf'), VARIABLES);
    fs.writeFileSync(path.join(dir, 'admin.auto.tfvars'), OFFICE_CIDR);
    fs.writeFileSync(path.join(dir, 'main.tf'), SSH_RULE);
    client = await LspClient.start({ language: 'en' });
    const main = uriOf('main.tf');
    await client.open(main, 'terraform', SSH_RULE);
    assert.ok(!(await client.diagnosticsFor(main, 1)).some((d) => d.code === 'sg-ingress-open-sensitive-port'));
    // A different size as well as a later time, so the module index sees a new file whatever the clock's resolution.
    fs.writeFileSync(path.join(dir, 'admin.auto.tfvars'), `# opened for the audit\n${OPEN_CIDR}`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('admin.auto.tfvars'), type: 2 }] });
    await client.waitFor(() => codes(main).includes('sg-ingress-open-sensitive-port'), 'main.tf re-checked with the value on disk');
  });

  it('analyses a skipped file once maxFileSizeKB is raised, and names its real size and the limit', async () => {
    const padding = `# ${'x'.repeat(78)}\n`.repeat(26); // about 2 KB of comments
    const text = `${padding}${SSH_RULE.replace('var.admin_cidr', '"0.0.0.0/0"')}`;
    const sizeKB = Math.ceil(Buffer.byteLength(text) / 1024);
    assert.ok(sizeKB >= 2 && sizeKB < 5120);
    client = await LspClient.start({ language: 'en', maxFileSizeKB: 1 });
    const main = uriOf('main.tf');
    await client.open(main, 'terraform', text);
    const skipped = await client.diagnosticsFor(main, 1);
    assert.strictEqual(skipped.length, 1, JSON.stringify(skipped));
    assert.strictEqual(skipped[0]?.message, `main.tf is ${sizeKB} KB, larger than the limit of 1 KB (setting responsibilityLens.maxFileSizeKB), and was not checked`);

    await client.changeSettings({ language: 'en', maxFileSizeKB: 5120 });
    await client.waitFor(() => codes(main).includes('sg-ingress-open-sensitive-port'), 'the finding once the limit is raised');
    assert.ok(!(client.diagnostics.get(main)?.diagnostics ?? []).some((d) => /larger than/.test(d.message)), 'no size message any more');

    await client.changeSettings({ language: 'en', maxFileSizeKB: 1 });
    await client.waitFor(() => (client?.diagnostics.get(main)?.diagnostics ?? []).some((d) => /larger than the limit of 1 KB/.test(d.message)), 'skipped again');
  });
});
