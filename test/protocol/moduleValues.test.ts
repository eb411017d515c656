import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspClient } from './lspClient';

/** A random-looking fake AccessKey ID, assembled so the source holds no key-shaped string. */
const FAKE_KEY = ['LTAI', 'Hq3Zp8Wm2Rt6Yv9Bn4Kd'].join('');

describe('values from other files of the module', function () {
  this.timeout(30_000);
  let client: LspClient;
  let dir: string;

  beforeEach(async () => {
    client = await LspClient.start({ language: 'en' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-values-'));
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function openFile(name: string, text: string): Promise<string> {
    fs.writeFileSync(path.join(dir, name), text);
    const uri = `file://${path.join(dir, name)}`;
    await client.open(uri, name.endsWith('.tfvars') ? 'terraform-vars' : 'terraform', text);
    return uri;
  }

  it('judges a security-group CIDR on its terraform.tfvars value and points there', async () => {
    fs.writeFileSync(path.join(dir, 'variables.tf'), 'variable "admin_cidr" {\n  type = string\n}\n');
    fs.writeFileSync(path.join(dir, 'terraform.tfvars'), 'region     = "cn-hangzhou"\nadmin_cidr = "0.0.0.0/0"\n');
    const main = await openFile('main.tf', 'resource "alicloud_security_group_rule" "ssh" {\n  type       = "ingress"\n  port_range = "22/22"\n  cidr_ip    = var.admin_cidr\n}\n');
    const finding = (await client.diagnosticsFor(main, 1)).find((d) => d.code === 'sg-ingress-open-sensitive-port');
    assert.ok(finding, 'the rule judges the tfvars value');
    assert.strictEqual(finding.range.start.line, 3);
    const related = finding.relatedInformation?.[0];
    assert.ok(related?.location.uri.endsWith('/terraform.tfvars'));
    assert.strictEqual(related?.location.range.start.line, 1);
    assert.match(related?.message ?? '', /var\.admin_cidr → terraform\.tfvars/);
    const hover = await client.hover(main, { line: 3, character: 5 });
    const markdown = (hover?.contents as { value: string } | undefined)?.value ?? '';
    // Template text in a hover is escaped Markdown (var\.admin\_cidr renders as var.admin_cidr).
    assert.match(markdown, /The value is written elsewhere: var\\\.admin\\_cidr → terraform\\\.tfvars, line 2/);
    assert.match(markdown, /Allow only the addresses that need port 22; var\\\.admin\\_cidr opens it to the internet/, 'the verdict judges the tfvars value and quotes the reference');
    assert.ok(!markdown.includes('0.0.0.0/0'), 'the hover names the place, not the value');
  });

  it('finds a hardcoded key moved from main.tf into a variable default, at its real place', async () => {
    const main = await openFile('main.tf', 'provider "alicloud" {\n  region     = "cn-hangzhou"\n  access_key = var.access_key\n}\n');
    const variables = await openFile('variables.tf', `variable "access_key" {\n  type      = string\n  sensitive = true\n  default   = "${FAKE_KEY}"\n}\n`);
    const inVariables = await client.diagnosticsFor(variables, 1);
    const atDefault = inVariables.find((d) => d.code === 'variable-secret-literal-default');
    assert.ok(atDefault, inVariables.map((d) => d.code).join(','));
    assert.strictEqual(atDefault.range.start.line, 3);
    assert.ok(!atDefault.message.includes(FAKE_KEY), 'masked');
    assert.ok(!(await client.diagnosticsFor(main, 1)).some((d) => d.code === 'provider-hardcoded-credentials'), 'the reference in main.tf is not a hardcoded key');
  });
});
