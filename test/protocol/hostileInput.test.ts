import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspClient } from './lspClient';

/**
 * The language server in a hostile workspace: module files that are FIFOs, devices or symlinks leading out of the
 * workspace; billion-laughs rules and contract files; a JSON document nested too deeply to parse.
 */
const posix = process.platform !== 'win32';

const OPEN_EGRESS = (cidr: string) => `variable "cidr" {}\nresource "alicloud_security_group_rule" "out" {\n  type              = "egress"\n  ip_protocol       = "all"\n  port_range        = "-1/-1"\n  security_group_id = "sg-123"\n  cidr_ip           = ${cidr}\n}\n`;

function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('the server in a hostile workspace', function () {
  this.timeout(60_000);
  let client: LspClient | undefined;
  let dir: string;
  let workspace: string;

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-hostile-server-')));
    workspace = path.join(dir, 'workspace');
    fs.mkdirSync(workspace);
    fs.mkdirSync(path.join(dir, 'outside'));
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('does not read a module file symlinked outside the workspace', async () => {
    fs.writeFileSync(path.join(dir, 'outside', 'secret.tfvars'), 'cidr = "0.0.0.0/0"\n');
    fs.symlinkSync(path.join('..', 'outside', 'secret.tfvars'), path.join(workspace, 'terraform.tfvars'));
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const uri = `file://${workspace}/main.tf`;
    await client.open(uri, 'terraform', OPEN_EGRESS('var.cidr'));
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.deepStrictEqual(diagnostics.map((d) => d.code), [], 'the value outside the workspace is unknown here');
    const hover = await client.hover(uri, { line: 6, character: 4 });
    assert.ok(!JSON.stringify(hover).includes('0.0.0.0/0'), 'no hover shows the outside value');
  });

  it('reads a module file symlinked elsewhere inside the workspace', async () => {
    fs.mkdirSync(path.join(workspace, 'shared'));
    fs.mkdirSync(path.join(workspace, 'env'));
    fs.writeFileSync(path.join(workspace, 'shared', 'common.tfvars'), 'cidr = "0.0.0.0/0"\n');
    fs.symlinkSync(path.join('..', 'shared', 'common.tfvars'), path.join(workspace, 'env', 'terraform.tfvars'));
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const uri = `file://${workspace}/env/main.tf`;
    await client.open(uri, 'terraform', OPEN_EGRESS('var.cidr'));
    assert.deepStrictEqual((await client.diagnosticsFor(uri, 1)).map((d) => d.code), ['sg-egress-unrestricted']);
  });

  (posix ? it : it.skip)('keeps answering beside a FIFO and a /dev/zero symlink named *.tf', async () => {
    execFileSync('mkfifo', [path.join(workspace, 'pipe.tf')]);
    fs.symlinkSync('/dev/zero', path.join(workspace, 'zero.tf'));
    fs.writeFileSync(path.join(workspace, 'values.tf'), 'variable "cidr" {\n  default = "0.0.0.0/0"\n}\n');
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const uri = `file://${workspace}/main.tf`;
    await client.open(uri, 'terraform', OPEN_EGRESS('var.cidr').replace('variable "cidr" {}\n', ''));
    assert.deepStrictEqual((await client.diagnosticsFor(uri, 1)).map((d) => d.code), ['sg-egress-unrestricted'], 'the regular neighbour still counts');
    assert.ok(await client.hover(uri, { line: 5, character: 4 }), 'a hover on cidr_ip is answered');
  });

  it('leaves out a neighbour larger than the size limit', async () => {
    fs.writeFileSync(path.join(workspace, 'big.tf'), `${'# padding\n'.repeat(200)}variable "cidr" {\n  default = "0.0.0.0/0"\n}\n`);
    client = await LspClient.start({ language: 'en', trusted: true, maxFileSizeKB: 1 }, 'en', {}, workspace);
    const uri = `file://${workspace}/main.tf`;
    await client.open(uri, 'terraform', OPEN_EGRESS('var.cidr').replace('variable "cidr" {}\n', ''));
    assert.deepStrictEqual((await client.diagnosticsFor(uri, 1)).map((d) => d.code), []);
  });

  it('completes its start in a trusted workspace with billion-laughs rules and contract files, and says what is wrong', async () => {
    fs.mkdirSync(path.join(workspace, '.rlens', 'rules'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.rlens', 'rules', 'laughs.yaml'), billionLaughs());
    fs.writeFileSync(path.join(workspace, '.rlens', 'contract.yaml'), billionLaughs());
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const started = client;
    await started.waitFor(() => started.statuses.some((s) => s.contract === 'invalid'), 'the contract reported invalid');
    const rulesUri = `file://${workspace}/.rlens/rules/laughs.yaml`;
    const contractUri = `file://${workspace}/.rlens/contract.yaml`;
    await started.waitFor(() => started.diagnostics.has(rulesUri) && started.diagnostics.has(contractUri), 'diagnostics of both files');
    assert.match(started.diagnostics.get(rulesUri)?.diagnostics[0]?.message ?? '', /too many alias expansions/);
    assert.match(started.diagnostics.get(contractUri)?.diagnostics[0]?.message ?? '', /too many alias expansions/);
  });

  it('does not follow a contract symlinked outside the workspace', async () => {
    fs.mkdirSync(path.join(workspace, '.rlens'));
    fs.writeFileSync(path.join(dir, 'outside', 'contract.yaml'), 'deploymentMode: cloud-software\n');
    fs.symlinkSync(path.join(dir, 'outside', 'contract.yaml'), path.join(workspace, '.rlens', 'contract.yaml'));
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const started = client;
    await started.waitFor(() => started.statuses.some((s) => s.contract === 'invalid'), 'the contract reported invalid');
    assert.ok(started.statuses.every((s) => s.deploymentMode === 'public-cloud'), 'the outside contract changed nothing');
  });

  it('replaces the diagnostics of a JSON document that becomes too deeply nested', async () => {
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const uri = `file://${workspace}/template.json`;
    const template = (properties: string) => `{"ROSTemplateFormatVersion":"2015-09-01","Resources":{"Rule":{"Type":"ALIYUN::ECS::SecurityGroupEgress","Properties":${properties}}}}`;
    await client.open(uri, 'json', template('{"SecurityGroupId":"sg-1","IpProtocol":"all","PortRange":"-1/-1","DestCidrIp":"0.0.0.0/0"}'));
    const first = await client.diagnosticsFor(uri, 1);
    assert.ok(first.some((d) => d.code === 'sg-egress-unrestricted'), first.map((d) => d.code).join(', '));
    const deep = template(`${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: deep }] });
    const second = await client.diagnosticsFor(uri, 2);
    assert.deepStrictEqual(second.map((d) => d.message), ['template.json is nested more than 1000 levels deep and was skipped']);
  });
});
