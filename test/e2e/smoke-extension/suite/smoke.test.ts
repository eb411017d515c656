import * as assert from 'assert';
import * as path from 'path';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { requestScreenshot } from '../../harness/suite-helpers';

const EXT_ID = 'responsibility-lens.e2e-smoke-extension';

suite('smoke', () => {
  test('opens a document in a real VS Code', async () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'hello.txt'));
    const editor = await vscode.window.showTextDocument(doc);
    assert.strictEqual(editor.document.languageId, 'plaintext');
    assert.match(doc.getText(), /storage_bucket/);
  });

  test('extension under development is active and sees the harness env', async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `${EXT_ID} is loaded`);
    await ext.activate();
    assert.strictEqual(await vscode.commands.executeCommand('e2eSmoke.hello'), `hello from ${vscode.version}`);
    // E2E_SMOKE_FAIL=1 proves that a failing test is reported as a failure
    assert.notStrictEqual(process.env.E2E_SMOKE_FAIL, '1', 'deliberate failure requested by E2E_SMOKE_FAIL=1');
    assert.ok(process.env.E2E_RESULTS_FILE || process.env.E2E_DESKTOP, 'E2E_RESULTS_FILE reached the extension host');
    // the harness' user settings.json is in effect and the workspace is trusted
    assert.strictEqual(vscode.workspace.isTrusted, true, 'workspace is trusted');
    if (process.env.E2E_RESULTS_FILE && !process.env.E2E_DESKTOP) {
      assert.strictEqual(vscode.workspace.getConfiguration('editor').get('hover.delay'), 100, 'harness user settings applied');
    }
  });

  test('hover screenshot', async function () {
    const folder = vscode.workspace.workspaceFolders![0];
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'hello.txt'));
    const editor = await vscode.window.showTextDocument(doc);
    const pos = new vscode.Position(0, 3);
    editor.selection = new vscode.Selection(pos, pos);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    assert.ok(hovers.some((h) => h.contents.some((c) => (c as vscode.MarkdownString).value?.includes('E2E smoke hover'))));
    await vscode.commands.executeCommand('editor.action.showHover');
    const png = await requestScreenshot('smoke-hover', { waitForSelector: '.monaco-hover' });
    if (png) assert.ok(fs.statSync(png).size > 10_000, `${path.basename(png)} looks like a real screenshot`);
  });
});
