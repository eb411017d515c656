import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';

const INSTANCE = 'resource "alicloud_instance" "web" {\n  instance_type     = "ecs.g7.large"\n  availability_zone = "cn-hangzhou-h"\n}\n';

describe('deployment mode from the contract, and ROS parameter defaults, over LSP', function () {
  this.timeout(30_000);
  let client: LspClient | undefined;
  let workspace: string;

  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-mode-'));
  });

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function hoverOnZone(running: LspClient): Promise<string> {
    const uri = `file://${workspace}/main.tf`;
    fs.writeFileSync(path.join(workspace, 'main.tf'), INSTANCE);
    await running.open(uri, 'terraform', INSTANCE);
    const hover = await running.hover(uri, { line: 2, character: 4 });
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
  }

  it('makes the physical-infrastructure rows the customer\'s when the contract says cloud-software', async () => {
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const standard = await hoverOnZone(client);
    assert.match(standard, /Disaster recovery — Provider/);
    assert.match(standard, /\| Customer \| × does not \|/);
    await client.stop();

    fs.mkdirSync(path.join(workspace, '.rlens'));
    fs.writeFileSync(path.join(workspace, '.rlens', 'contract.yaml'), 'deploymentMode: cloud-software\n');
    client = await LspClient.start({ language: 'en', trusted: true }, 'en', {}, workspace);
    const running = client;
    await running.waitFor(() => running.statuses.at(-1)?.deploymentMode === 'cloud-software', 'the contract\'s mode in the status');
    const shifted = await hoverOnZone(running);
    assert.match(shifted, /Disaster recovery — Customer/);
    assert.match(shifted, /\| Customer \| ✓ bears it \(from the deployment mode\) \|/);
    assert.match(shifted, /Deployment mode: Cloud software delivery/);
  });

  it('flags a ROS Ref to a parameter whose default is 0.0.0.0/0, pointing at the Default', async () => {
    client = await LspClient.start({ language: 'en' });
    const text = `ROSTemplateFormatVersion: '2015-09-01'\nParameters:\n  AdminCidr:\n    Type: String\n    Default: 0.0.0.0/0\nResources:\n  Ssh:\n    Type: ALIYUN::ECS::SecurityGroupIngress\n    Properties:\n      SecurityGroupId: sg-123\n      PortRange: 22/22\n      SourceCidrIp: !Ref AdminCidr\n`;
    const uri = 'file:///tmp/rlens-mode/ref.ros.yaml';
    await client.open(uri, 'yaml', text);
    const finding = (await client.diagnosticsFor(uri, 1)).find((d) => d.code === 'sg-ingress-open-sensitive-port');
    assert.ok(finding);
    assert.strictEqual(finding.range.start.line, 11);
    const related = finding.relatedInformation?.[0];
    assert.strictEqual(related?.location.uri, uri);
    assert.deepStrictEqual(related?.location.range.start, { line: 4, character: 13 });
    assert.match(related?.message ?? '', /Ref AdminCidr → Parameters\.AdminCidr\.Default/);
  });
});
