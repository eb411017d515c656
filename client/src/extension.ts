import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR_LANGUAGES, SELECT_RANGE_COMMAND, SETTINGS_SECTION, STATUS_NOTIFICATION, TRUSTED_NOTIFICATION, type RlensSettings, type StatusParams } from '../../server/src/protocol/protocol';
import { createContract } from './createContract';
import { DeploymentModeStatus, selectDeploymentMode } from './deploymentMode';
import { OPEN_RULE_DOC_COMMAND, openRuleDoc, withRenderedRuleDoc } from './ruleDocs';
import { WorkspaceCheck } from './workspaceCheck';

let client: LanguageClient | undefined;
let workspaceCheck: WorkspaceCheck | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Responsibility Lens');
  const documentSelector = DOCUMENT_SELECTOR_LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
    { scheme: 'vscode-remote', language },
  ]);
  const status = new DeploymentModeStatus((document) => vscode.languages.match(documentSelector, document) > 0);
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('responsibilityLens.selectDeploymentMode', selectDeploymentMode),
    vscode.commands.registerCommand(SELECT_RANGE_COMMAND, selectRange),
    vscode.commands.registerCommand('responsibilityLens.createContract', () => (client ? createContract(client) : undefined)),
    vscode.commands.registerCommand(OPEN_RULE_DOC_COMMAND, (ruleId: unknown) => openRuleDoc(context.extensionUri, ruleId)),
    vscode.commands.registerCommand('responsibilityLens.checkWorkspace', () => workspaceCheck?.run()),
  );

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // Custom rules, the contract, and the files of Terraform modules (a change in one file can change another's findings).
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.rlens/rules/*.{yaml,yml}'),
        vscode.workspace.createFileSystemWatcher('**/.rlens/contract.yaml'),
        vscode.workspace.createFileSystemWatcher('**/*.tf'),
        // Variable files Terraform loads by itself: the module's .tf files read their values.
        vscode.workspace.createFileSystemWatcher('**/{terraform.tfvars,*.auto.tfvars}'),
      ],
    },
    initializationOptions: currentSettings(),
    outputChannel: output,
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(withRenderedRuleDoc)),
    },
    errorHandler: new RestartOnceNotice(),
  };
  client = new LanguageClient('responsibilityLens', vscode.l10n.t('Responsibility Lens'), serverOptions, clientOptions);
  context.subscriptions.push(client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params)));
  await client.start();
  workspaceCheck = new WorkspaceCheck(client);
  context.subscriptions.push(workspaceCheck);
  void workspaceCheck.start();
  // Custom rules are code from the workspace: they load only once the user trusts it.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TRUSTED_NOTIFICATION)));
}

/** Selects a placeholder a quick fix just inserted, so the user types over it. */
async function selectRange(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  if (!editor) return;
  editor.selection = new vscode.Selection(range.start.line, range.start.character, range.end.line, range.end.character);
  editor.revealRange(editor.selection);
}

/** The settings the server reads first, as plain data; later changes arrive through workspace/configuration. */
function currentSettings(): RlensSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    annotations: configuration.get('annotations'),
    deploymentMode: configuration.get('deploymentMode'),
    language: configuration.get('language'),
    maxFileSizeKB: configuration.get('maxFileSizeKB'),
    showRepeatedHints: configuration.get('showRepeatedHints'),
    severity: configuration.get('severity'),
    trusted: vscode.workspace.isTrusted,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/**
 * Restarts a crashed server, as the default handler does, but tells the user once per session, in their
 * language, instead of the library's English message on every crash. Stops after five crashes in three minutes.
 */
class RestartOnceNotice implements ErrorHandler {
  private readonly restarts: number[] = [];
  private told = false;

  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && now - (this.restarts[0] ?? now) > 3 * 60_000) this.restarts.shift();
    if (this.restarts.length > 5) {
      return {
        action: CloseAction.DoNotRestart,
        message: vscode.l10n.t('The Responsibility Lens server crashed five times in three minutes and will not be restarted. See the output channel "Responsibility Lens".'),
      };
    }
    if (!this.told) {
      this.told = true;
      void vscode.window.showWarningMessage(vscode.l10n.t('The Responsibility Lens server stopped unexpectedly and was restarted.'));
    }
    return { action: CloseAction.Restart, handled: true };
  }
}
