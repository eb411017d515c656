import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspClient } from './lspClient';

const VPC = 'resource "alicloud_vpc" "main" {\n  vpc_name   = "main"\n  cidr_block = "10.0.0.0/16"\n}\n';
const FLOW_LOG = 'resource "alicloud_vpc_flow_log" "main" {\n  resource_type  = "VPC"\n  resource_id    = alicloud_vpc.main.id\n  traffic_type   = "All"\n  project_name   = "flow"\n  log_store_name = "flow"\n}\n';

describe('a Terraform module is a directory', function () {
  this.timeout(30_000);
  let client: LspClient;
  let dir: string;

  beforeEach(async () => {
    client = await LspClient.start({ language: 'en' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-module-'));
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sees a flow log in another file of the module, and notices when it is removed in the editor', async () => {
    fs.writeFileSync(path.join(dir, 'network.tf'), VPC);
    fs.writeFileSync(path.join(dir, 'logging.tf'), FLOW_LOG);
    const network = `file://${path.join(dir, 'network.tf')}`;
    const logging = `file://${path.join(dir, 'logging.tf')}`;
    await client.open(network, 'terraform', VPC);
    assert.ok(!(await client.diagnosticsFor(network, 1)).some((d) => d.code === 'vpc-flow-log-disabled'), 'the sibling file covers the VPC');

    await client.open(logging, 'terraform', FLOW_LOG);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: logging, version: 2 }, contentChanges: [{ text: '# flow log removed\n' }] });
    await client.waitFor(
      () => (client.diagnostics.get(network)?.diagnostics ?? []).some((d) => d.code === 'vpc-flow-log-disabled'),
      'the VPC finding once the sibling lost its flow log',
    );
  });
});
