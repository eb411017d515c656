import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, changedLines } from '../helpers/applyEdits';
import { LspClient } from './lspClient';

/** Test-only fake values: not real credentials. */
const PASSWORD = 'Qz7!fake-Pw-4711';

describe('quick fix: move a hardcoded secret out of the file', function () {
  this.timeout(30_000);
  let client: LspClient;
  let dir: string;

  beforeEach(async () => {
    client = await LspClient.start({ language: 'en' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-extract-'));
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Opens `name` with `text`, applies the "Move to …" action of `ruleId`, returns the edits per file. */
  async function extract(name: string, languageId: string, text: string, ruleId: string): Promise<Record<string, TextEdit[]>> {
    const uri = `file://${path.join(dir, name)}`;
    fs.writeFileSync(path.join(dir, name), text);
    await client.open(uri, languageId, text);
    const diagnostic = (await client.diagnosticsFor(uri, 1)).find((d) => d.code === ruleId);
    assert.ok(diagnostic, `${ruleId} reports`);
    const actions: CodeAction[] = (await client.codeActions(uri, diagnostic.range, [diagnostic])) ?? [];
    const move = actions.find((a) => a.title.startsWith('Move to'));
    assert.ok(move, actions.map((a) => a.title).join(' | '));
    return move.edit?.changes ?? {};
  }

  async function findingsAfter(name: string, text: string, version: number): Promise<string[]> {
    const uri = `file://${path.join(dir, name)}`;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return (await client.diagnosticsFor(uri, version)).map((d) => String(d.code));
  }

  it('Terraform: the value becomes var.x and a sensitive variable is added to variables.tf', async () => {
    const main = `resource "alicloud_instance" "web" {\n  instance_name = "web"\n  password      = "${PASSWORD}"\n  role_name     = "web"\n}\n`;
    const variables = 'variable "region" {\n  default = "cn-hangzhou"\n}\n';
    fs.writeFileSync(path.join(dir, 'variables.tf'), variables);
    const changes = await extract('main.tf', 'terraform', main, 'hardcoded-password');
    const mainUri = `file://${path.join(dir, 'main.tf')}`;
    const variablesUri = `file://${path.join(dir, 'variables.tf')}`;
    const newMain = applyEdits(main, changes[mainUri] ?? []);
    const newVariables = applyEdits(variables, changes[variablesUri] ?? []);
    assert.deepStrictEqual(changedLines(main, newMain), { before: [`  password      = "${PASSWORD}"`], after: ['  password      = var.web_password'] });
    assert.strictEqual(newVariables, `${variables}\nvariable "web_password" {\n  type      = string\n  sensitive = true\n}\n`);
    assert.ok(!(await findingsAfter('main.tf', newMain, 2)).includes('hardcoded-password'));
    await client.open(variablesUri, 'terraform', newVariables);
    assert.deepStrictEqual((await client.diagnosticsFor(variablesUri, 1)).map((d) => d.code), [], 'the new variable is clean');
  });

  it('Terraform without variables.tf: the variable is declared at the end of the file', async () => {
    const main = `provider "alicloud" {\n  region     = "cn-hangzhou"\n  secret_key = "${'k'.repeat(2)}Zt8Qw3Lm9Xp2Rv7Yn4Bc6Df1Gh5Jk0"\n}\n`;
    const changes = await extract('providers.tf', 'terraform', main, 'provider-hardcoded-credentials');
    const uri = `file://${path.join(dir, 'providers.tf')}`;
    assert.deepStrictEqual(Object.keys(changes), [uri]);
    const after = applyEdits(main, changes[uri] ?? []);
    assert.match(after, /secret_key = var\.alicloud_secret_key\n/);
    assert.match(after, /\}\n\nvariable "alicloud_secret_key" \{\n  type      = string\n  sensitive = true\n\}\n$/);
    const left = await findingsAfter('providers.tf', after, 2);
    assert.ok(!left.includes('provider-hardcoded-credentials'), left.join(','));
  });

  it('ROS YAML with short tags: !Ref to a new NoEcho parameter in the existing Parameters section', async () => {
    const template = `ROSTemplateFormatVersion: '2015-09-01'\nParameters:\n  ZoneId:\n    Type: String\nResources:\n  Db:\n    Type: ALIYUN::RDS::DBInstance\n    Properties:\n      VpcId: !Ref Vpc\n      MasterUserPassword: ${PASSWORD}\n`;
    const uri = `file://${path.join(dir, 'stack.ros.yaml')}`;
    const changes = await extract('stack.ros.yaml', 'yaml', template, 'hardcoded-password');
    const after = applyEdits(template, changes[uri] ?? []);
    assert.strictEqual(
      after,
      `ROSTemplateFormatVersion: '2015-09-01'\nParameters:\n  ZoneId:\n    Type: String\n  DbMasterUserPassword:\n    Type: String\n    NoEcho: true\nResources:\n  Db:\n    Type: ALIYUN::RDS::DBInstance\n    Properties:\n      VpcId: !Ref Vpc\n      MasterUserPassword: !Ref DbMasterUserPassword\n`,
    );
    const left = await findingsAfter('stack.ros.yaml', after, 2);
    assert.ok(!left.includes('hardcoded-password') && !left.includes('ros-parameter-secret-no-noecho'), left.join(','));
  });

  it('ROS YAML without Parameters: the section is added before Resources', async () => {
    const template = `ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Web:\n    Type: ALIYUN::ECS::Instance\n    Properties:\n      Password: ${PASSWORD}\n`;
    const uri = `file://${path.join(dir, 'web.ros.yaml')}`;
    const after = applyEdits(template, (await extract('web.ros.yaml', 'yaml', template, 'hardcoded-password'))[uri] ?? []);
    assert.strictEqual(after, `ROSTemplateFormatVersion: '2015-09-01'\nParameters:\n  WebPassword:\n    Type: String\n    NoEcho: true\nResources:\n  Web:\n    Type: ALIYUN::ECS::Instance\n    Properties:\n      Password: {Ref: WebPassword}\n`);
    assert.ok(!(await findingsAfter('web.ros.yaml', after, 2)).includes('hardcoded-password'));
  });

  it('ROS JSON: {"Ref": …} and a NoEcho parameter, in the file\'s indentation', async () => {
    const template = `{\n    "ROSTemplateFormatVersion": "2015-09-01",\n    "Resources": {\n        "Web": {\n            "Type": "ALIYUN::ECS::Instance",\n            "Properties": {\n                "Password": "${PASSWORD}"\n            }\n        }\n    }\n}\n`;
    const uri = `file://${path.join(dir, 'web.ros.json')}`;
    const after = applyEdits(template, (await extract('web.ros.json', 'json', template, 'hardcoded-password'))[uri] ?? []);
    const parsed = JSON.parse(after) as { Parameters: Record<string, unknown>; Resources: { Web: { Properties: { Password: unknown } } } };
    assert.deepStrictEqual(parsed.Resources.Web.Properties.Password, { Ref: 'WebPassword' });
    assert.deepStrictEqual(parsed.Parameters.WebPassword, { Type: 'String', NoEcho: true });
    assert.match(after, /\n {4}"Parameters": \{\n {8}"WebPassword": \{/);
    assert.ok(!(await findingsAfter('web.ros.json', after, 2)).includes('hardcoded-password'));
  });
});
