import * as vscode from 'vscode';

/**
 * Asks again until `accept` holds. Providers such as inlay hints have no change event, so each retry waits for
 * the next diagnostics change (the server publishes after every analysis) with a short fallback tick, until a
 * deadline.
 */
export async function until<T>(what: string, ask: () => Thenable<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await ask();
    if (accept(last)) return last;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 250);
      const subscription = vscode.languages.onDidChangeDiagnostics(done);
      function done(): void {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      }
    });
  }
  throw new Error(`timed out waiting for ${what}; last answer: ${JSON.stringify(last)?.slice(0, 500)}`);
}

/**
 * Saves `document` and resolves once it is saved: not dirty, and the file on disk holds its text.
 *
 * `TextDocument.save()` answers false whenever the document is still dirty after VS Code's attempt, and VS Code
 * refuses an explicit save that arrives while another save of the same document runs its save participants
 * (`TextFileEditorModel.doSave`: "refusing to save() recursively from save participant"). The web workbench
 * auto-saves after a delay by default, and its participants include a round trip to the extension host, so on a
 * loaded machine an auto-save started between an edit and `save()` made `save()` answer false although the text
 * reached the disk a moment later. Here a refused save is asked again after the next save or change event of
 * the document (or a short tick), until a deadline.
 */
export async function saved(document: vscode.TextDocument, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  while (Date.now() < deadline) {
    if (!document.isDirty && (await diskText(document.uri)) === document.getText()) return;
    if (document.isDirty) {
      attempts++;
      if (await document.save()) continue;
    }
    await nextEventOf(document);
  }
  throw new Error(`${document.uri.path} was not saved within ${timeoutMs} ms (${attempts} attempts; dirty: ${document.isDirty})`);
}

async function diskText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The next save or change of `document`, or a short tick when none comes. */
function nextEventOf(document: vscode.TextDocument): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, 250);
    const mine = (d: vscode.TextDocument) => d.uri.toString() === document.uri.toString();
    const subscriptions = [
      vscode.workspace.onDidSaveTextDocument((d) => mine(d) && done()),
      vscode.workspace.onDidChangeTextDocument((e) => mine(e.document) && done()),
    ];
    function done(): void {
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      resolve();
    }
  });
}
