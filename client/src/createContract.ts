import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CONTRACT_TEMPLATE_REQUEST, type ContractTemplateResult } from '../../server/src/protocol/protocol';

/**
 * Command "Responsibility Lens: Create contract file": writes `.rlens/contract.yaml` in the first workspace folder
 * from the server's template (every negotiable row with its options), unless it exists, and opens it.
 */
export async function createContract(client: LanguageClient): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: the contract file lives in the workspace.'));
    return;
  }
  const uri = vscode.Uri.joinPath(folder.uri, '.rlens', 'contract.yaml');
  if (!(await exists(uri))) {
    const { text } = await client.sendRequest<ContractTemplateResult>(CONTRACT_TEMPLATE_REQUEST);
    if (!text) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The server could not produce the contract template.'));
      return;
    }
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, '.rlens'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
