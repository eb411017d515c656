import * as assert from 'assert';
import * as vscode from 'vscode';
import { requestScreenshot } from '../harness/suite-helpers';
import { until } from './wait';

/** Whole-workspace results: files never opened reach the Problems panel. Edits the workspace copy and cleans up. */

const OPEN_SSH = 'resource "alicloud_security_group_rule" "ssh" {\n  type       = "ingress"\n  port_range = "22/22"\n  cidr_ip    = "0.0.0.0/0"\n}\n';
const RULE = 'sg-ingress-open-sensitive-port';

function exampleUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

function codesOf(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).map((d) => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code)));
}

async function write(relative: string, text: string): Promise<vscode.Uri> {
  const uri = exampleUri(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

suite('Whole-workspace results in a real VS Code', () => {
  const neverOpened = () => exampleUri('never-opened/main.tf');

  suiteSetup(async () => {
    await write('never-opened/main.tf', OPEN_SSH);
    await write('ignored-by-git/main.tf', OPEN_SSH);
    await write('hidden-by-exclude/main.tf', OPEN_SSH);
    await write('.gitignore', 'ignored-by-git/\n');
    await vscode.workspace.getConfiguration('files').update('exclude', { '**/hidden-by-exclude': true }, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('responsibilityLens').update('workspaceDiagnostics', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Global);
    for (const relative of ['never-opened', 'ignored-by-git', 'hidden-by-exclude', '.gitignore']) {
      await vscode.workspace.fs.delete(exampleUri(relative), { recursive: true });
    }
  });

  test('"Check workspace" reports a file never opened, and leaves out what .gitignore and files.exclude leave out', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('responsibilityLens.checkWorkspace');
    await until('the finding of the file never opened', async () => codesOf(neverOpened()), (codes) => codes.includes(RULE));
    assert.ok(!isOpen(neverOpened()), 'the file was never opened');
    // The command resolves after the server answered the last batch, whose diagnostics it sent first.
    assert.deepStrictEqual(codesOf(exampleUri('ignored-by-git/main.tf')), [], '.gitignore is respected');
    assert.deepStrictEqual(codesOf(exampleUri('hidden-by-exclude/main.tf')), [], 'files.exclude is respected');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await requestScreenshot('problems-workspace', { waitForSelector: '.markers-panel' });
  });

  test('with the setting on, a closed file follows the disk, and turning it off clears closed files', async () => {
    await vscode.workspace.getConfiguration('responsibilityLens').update('workspaceDiagnostics', 'on', vscode.ConfigurationTarget.Global);
    await until('the finding', async () => codesOf(neverOpened()), (codes) => codes.includes(RULE));
    await write('never-opened/main.tf', OPEN_SSH.replace('0.0.0.0/0', '10.20.0.0/16'));
    await until('the finding gone once the file is fixed on disk', async () => codesOf(neverOpened()), (codes) => !codes.includes(RULE));
    await write('never-opened/main.tf', OPEN_SSH);
    await until('the finding back', async () => codesOf(neverOpened()), (codes) => codes.includes(RULE));
    await vscode.workspace.getConfiguration('responsibilityLens').update('workspaceDiagnostics', 'off', vscode.ConfigurationTarget.Global);
    await until('closed files cleared', async () => codesOf(neverOpened()), (codes) => codes.length === 0);
    assert.ok(!isOpen(neverOpened()));
  });
});
