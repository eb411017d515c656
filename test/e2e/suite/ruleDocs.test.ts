import * as assert from 'assert';
import * as vscode from 'vscode';
import { requestScreenshot } from '../harness/suite-helpers';
import { until } from './wait';

/** A diagnostic's rule link opens the rule's page rendered, not its Markdown source. */

function exampleUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs);
}

suite('Rule pages in a real VS Code', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the rule link of a diagnostic opens the page in the Markdown preview', async () => {
    const uri = exampleUri('terraform/main.tf');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await until(
      'diagnostics with a rule link',
      async () => vscode.languages.getDiagnostics(uri),
      (all) => all.some((d) => typeof d.code === 'object' && d.code !== null),
    );
    const linked = diagnostics.find((d) => typeof d.code === 'object' && d.code !== null);
    const code = linked?.code as { value: string | number; target: vscode.Uri };
    assert.strictEqual(code.target.scheme, 'command', `the link is ${code.target.toString()}`);
    assert.strictEqual(code.target.path, 'responsibilityLens.openRuleDoc');

    // What VS Code does when the link is clicked in the hover or the Problems panel: run the command with the
    // JSON arguments of the URI's query.
    const args = JSON.parse(code.target.query) as unknown[];
    assert.deepStrictEqual(args, [String(code.value)]);
    await vscode.commands.executeCommand(code.target.path, ...args);
    const isPreview = (tab: vscode.Tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType);
    await until('a Markdown preview tab', async () => allTabs(), (tabs) => tabs.some(isPreview));
    const preview = allTabs().find(isPreview);
    assert.match(preview?.label ?? '', new RegExp(String(code.value)));
    const sources = allTabs().filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.path.endsWith('.md'));
    assert.deepStrictEqual(sources.map((tab) => tab.label), [], 'no Markdown source tab');
    // The preview reads the page as a document (the Markdown extension runs in this extension host).
    await until('the page read by the preview', async () => vscode.workspace.textDocuments.map((d) => d.uri.path), (paths) => paths.some((p) => p.endsWith(`/docs/rules/${String(code.value)}.md`)));
    await requestScreenshot('rule-doc-preview', { waitForSelector: 'iframe.webview.ready' });
  });
});
