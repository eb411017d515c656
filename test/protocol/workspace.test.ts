import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseYaml } from '../../server/src/parsers/yaml/yamlParser';
import { applyEdits } from '../helpers/applyEdits';
import { LspClient } from './lspClient';

const TEMPLATE = path.resolve(__dirname, '../fixtures/ros-workspace/terraform-sg.yaml');
const JSON_TEMPLATE = path.resolve(__dirname, '../fixtures/ros-workspace/terraform-sg.json');

describe('Terraform inside a ROS Workspace, over LSP', function () {
  this.timeout(30_000);
  let client: LspClient;

  beforeEach(async () => {
    client = await LspClient.start({ language: 'en' });
  });

  afterEach(async () => {
    await client.stop();
  });

  it('reports the Terraform rule at the YAML line and column, and its fix repairs the block', async () => {
    const text = fs.readFileSync(TEMPLATE, 'utf8');
    const uri = 'file:///tmp/rlens-workspace/stack.yaml';
    await client.open(uri, 'yaml', text);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const finding = diagnostics.find((d) => d.code === 'sg-ingress-open-sensitive-port');
    assert.ok(finding, diagnostics.map((d) => d.code).join(','));
    const line = text.split('\n').findIndex((l) => l.includes('cidr_ip'));
    assert.deepStrictEqual(finding.range.start, { line, character: (text.split('\n')[line] ?? '').indexOf('"0.0.0.0/0"') });

    const hints = (await client.inlayHints(uri)) ?? [];
    assert.ok(hints.some((h) => h.position.line === line), 'the embedded setting is annotated');

    const actions = (await client.codeActions(uri, finding.range, [finding])) ?? [];
    const placeholder = actions.find((a) => /placeholder/.test(a.title));
    assert.ok(placeholder, actions.map((a) => a.title).join(' | '));
    const fixed = applyEdits(text, placeholder.edit?.changes?.[uri] ?? []);
    assert.deepStrictEqual(parseYaml(fixed).errors, [], 'the template still parses');
    assert.ok((fixed.split('\n')[line] ?? '').endsWith('cidr_ip           = "<trusted-cidr>"'));
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    assert.ok(!(await client.diagnosticsFor(uri, 2)).some((d) => d.code === 'sg-ingress-open-sensitive-port'));
  });

  it('reports it inside a JSON string too, at the escaped position', async () => {
    const text = fs.readFileSync(JSON_TEMPLATE, 'utf8');
    const uri = 'file:///tmp/rlens-workspace/stack.json';
    await client.open(uri, 'json', text);
    const finding = (await client.diagnosticsFor(uri, 1)).find((d) => d.code === 'sg-ingress-open-sensitive-port');
    assert.ok(finding);
    const lineText = text.split('\n')[finding.range.start.line] ?? '';
    assert.strictEqual(lineText.slice(finding.range.start.character, finding.range.end.character), '\\"0.0.0.0/0\\"');
  });
});
