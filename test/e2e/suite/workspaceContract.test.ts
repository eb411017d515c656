import * as assert from 'assert';
import * as vscode from 'vscode';
import { saved, until } from './wait';

/** Runs last (mocha loads files in name order): it adds a contract to the workspace copy and removes it again. */

function exampleUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

function label(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join('');
}

/** Inlay hints of `uri`, asked again until `accept` holds. */
async function hintsUntil(uri: vscode.Uri, accept: (hints: vscode.InlayHint[]) => boolean, what: string): Promise<vscode.InlayHint[]> {
  const document = await vscode.workspace.openTextDocument(uri);
  const ask = async (): Promise<vscode.InlayHint[]> =>
    (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, document.lineCount, 0))) ?? [];
  return until(what, ask, accept);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

suite('Right answers on real projects, in a real VS Code', () => {
  suiteSetup(async () => {
    await vscode.workspace.getConfiguration('responsibilityLens').update('language', 'en', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('responsibilityLens').update('language', undefined, vscode.ConfigurationTarget.Global);
  });

  test('a Terraform rule fires inside a ROS Workspace block at the YAML line and column', async () => {
    const uri = exampleUri('ros/terraform-workspace.ros.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const line = [...Array(document.lineCount).keys()].find((l) => /^\s+cidr_ip\s+= var\.admin_cidr/.test(document.lineAt(l).text));
    assert.ok(line !== undefined);
    const column = document.lineAt(line).text.indexOf('var.admin_cidr');
    const deadline = Date.now() + 30_000;
    let found: vscode.Diagnostic | undefined;
    while (!found && Date.now() < deadline) {
      found = vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'sg-ingress-open-sensitive-port');
      if (!found) await new Promise<void>((resolve) => { const s = vscode.languages.onDidChangeDiagnostics(() => { s.dispose(); resolve(); }); });
    }
    assert.ok(found, 'the embedded security-group rule is reported');
    assert.deepStrictEqual([found.range.start.line, found.range.start.character], [line, column]);
    assert.ok((found.relatedInformation ?? []).some((r) => /var\.admin_cidr/.test(r.message)), 'it says where the value comes from');
  });

  test('a save asked while VS Code auto-saves the document still ends with the document saved', async () => {
    // The web workbench auto-saves after a delay by default; the harness turns that off, this test turns it on.
    const files = () => vscode.workspace.getConfiguration('files');
    await files().update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
    await files().update('autoSaveDelay', 50, vscode.ConfigurationTarget.Global);
    const uri = exampleUri('e2e-save-race.txt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('before\n'));
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      // Hold the auto-save in its save participants (as a busy extension host does) until the explicit save is asked.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const autoSaving = new Promise<void>((resolve) => {
        const subscription = vscode.workspace.onWillSaveTextDocument((event) => {
          if (event.document.uri.toString() !== uri.toString() || event.reason !== vscode.TextDocumentSaveReason.AfterDelay) return;
          subscription.dispose();
          event.waitUntil(held);
          resolve();
        });
      });
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(1, 0), 'after\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await autoSaving;
      // VS Code refuses this save while the auto-save runs its participants: `save()` answers false and the
      // document is still dirty. The contract test below used to assert on that answer.
      const answered = await document.save();
      release();
      console.log(`[e2e] save() during an auto-save answered ${answered}`);
      await saved(document);
      assert.strictEqual(document.getText(), 'before\nafter\n');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
      await files().update('autoSave', undefined, vscode.ConfigurationTarget.Global);
      await files().update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a negotiable row reads "negotiable" without a contract and names the chosen party with one', async () => {
    const mainTf = exampleUri('terraform/main.tf');
    const document = await vscode.workspace.openTextDocument(mainTf);
    const imageLine = [...Array(document.lineCount).keys()].find((l) => /^\s+image_id\s+=/.test(document.lineAt(l).text));
    assert.ok(imageLine !== undefined);
    const onImage = (hints: vscode.InlayHint[]) => hints.find((h) => h.position.line === imageLine);
    await hintsUntil(mainTf, (h) => /^Negotiable · /.test(label(onImage(h) ?? new vscode.InlayHint(new vscode.Position(0, 0), ''))), 'the negotiable hint');

    await vscode.commands.executeCommand('responsibilityLens.createContract');
    const contractUri = exampleUri('.rlens/contract.yaml');
    const contract = vscode.workspace.textDocuments.find((d) => d.uri.toString() === contractUri.toString());
    assert.ok(contract, 'the command created and opened .rlens/contract.yaml');
    const text = contract.getText();
    assert.match(text, /# os\.public-image\.vulnerability: a/);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(contractUri, new vscode.Range(contract.positionAt(0), contract.positionAt(text.length)), text.replace('# os.public-image.vulnerability: a', 'os.public-image.vulnerability: b'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await saved(contract);
    await hintsUntil(mainTf, (h) => /^Provider \(contract\)$/.test(label(onImage(h) ?? new vscode.InlayHint(new vscode.Position(0, 0), ''))), 'the hint naming the chosen party');

    // Taking the choice back in the editor (the open contract's text is what counts) restores the standard's reading.
    const undo = new vscode.WorkspaceEdit();
    const chosen = contract.getText();
    undo.replace(contractUri, new vscode.Range(contract.positionAt(0), contract.positionAt(chosen.length)), chosen.replace('os.public-image.vulnerability: b', '# os.public-image.vulnerability: a'));
    assert.ok(await vscode.workspace.applyEdit(undo));
    await hintsUntil(mainTf, (h) => /^Negotiable · /.test(label(onImage(h) ?? new vscode.InlayHint(new vscode.Position(0, 0), ''))), 'the negotiable hint again');
    await saved(contract);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(contractUri, '..'), { recursive: true });
  });
});
