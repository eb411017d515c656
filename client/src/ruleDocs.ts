import * as vscode from 'vscode';

/**
 * Rule pages open rendered. The server links each diagnostic to its rule's bundled page (a `file:` URL of
 * docs/rules/<id>.md), which VS Code would open as an editable Markdown source tab. The client turns that link
 * into a `command:` URI (VS Code opens diagnostic code links with commands allowed, in the hover and in the
 * Problems panel) that shows the page in VS Code's Markdown preview.
 */

export const OPEN_RULE_DOC_COMMAND = 'responsibilityLens.openRuleDoc';

const RULE_PAGE = /\/docs\/rules\/([a-z0-9][a-z0-9-]*)\.md$/;

/** The diagnostic, its rule-page link made a command link; anything else unchanged. Mutates in place (keeps `data`). */
export function withRenderedRuleDoc(diagnostic: vscode.Diagnostic): vscode.Diagnostic {
  const code = diagnostic.code;
  if (typeof code !== 'object' || code === null) return diagnostic;
  const page = RULE_PAGE.exec(code.target.path);
  if (code.target.scheme !== 'file' || !page) return diagnostic;
  diagnostic.code = { value: code.value, target: vscode.Uri.parse(`command:${OPEN_RULE_DOC_COMMAND}?${encodeURIComponent(JSON.stringify([page[1]]))}`) };
  return diagnostic;
}

/** Command: the bundled page of `ruleId` in the Markdown preview (the source, if the preview is unavailable). */
export async function openRuleDoc(extensionUri: vscode.Uri, ruleId: unknown): Promise<void> {
  if (typeof ruleId !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(ruleId)) return;
  const page = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showWarningMessage(vscode.l10n.t('Rule {0} has no documentation page.', ruleId));
    return;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    await vscode.commands.executeCommand('vscode.open', page);
  }
}
