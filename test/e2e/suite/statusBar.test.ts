import * as assert from 'assert';
import * as vscode from 'vscode';
import { requestScreenshot } from '../harness/suite-helpers';
import { until } from './wait';

/** The deployment-mode item: shown only for files the extension analyses, short, in the user's language. */

const ITEM = '.statusbar-item[id$="responsibilityLens.deploymentMode"]';

function exampleUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

suite('The status bar in a real VS Code', () => {
  teardown(async () => {
    await vscode.workspace.getConfiguration('responsibilityLens').update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the mode shows for a Terraform file, in Chinese only when the user chose Chinese, and hides for a text file', async () => {
    await vscode.workspace.getConfiguration('responsibilityLens').update('language', 'zh-cn', vscode.ConfigurationTarget.Global);
    const mainTf = exampleUri('terraform/main.tf');
    const document = await vscode.workspace.openTextDocument(mainTf);
    await vscode.window.showTextDocument(document);
    // The server has taken the language on once its hints are Chinese; the status goes out with the same refresh.
    await until(
      'Chinese hints',
      () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', mainTf, new vscode.Range(0, 0, document.lineCount, 0)),
      (hints) => (hints ?? []).some((h) => /[\u4e00-\u9fff]/.test(typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''))),
    );
    // The screenshots are assertions: the harness takes them only once the item is shown, or hidden.
    await requestScreenshot('status-bar-terraform', { waitForSelector: ITEM });
    await requestScreenshot('status-bar-item', { waitForSelector: ITEM, clipSelector: '#workbench\\.parts\\.statusbar' });

    const notes = exampleUri('notes-e2e.txt');
    await vscode.workspace.fs.writeFile(notes, new TextEncoder().encode('not infrastructure\n'));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(notes));
      await requestScreenshot('status-bar-text-file', { waitForSelector: ITEM, waitForState: 'hidden' });
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(notes);
    }
  });
});
