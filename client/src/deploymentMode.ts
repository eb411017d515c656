import * as vscode from 'vscode';
import { SETTINGS_SECTION, type DeploymentModeSetting, type StatusParams } from '../../server/src/protocol/protocol';

/**
 * The status-bar item showing the deployment mode in force; clicking it switches the mode. It shows only while the
 * active editor holds a file the extension analyses, and says what the server wrote, in the user's language.
 */
export class DeploymentModeStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('responsibilityLens.deploymentMode', vscode.StatusBarAlignment.Right, 100);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly analyses: (document: vscode.TextDocument) => boolean) {
    this.item.name = vscode.l10n.t('Responsibility Lens deployment mode');
    this.item.command = 'responsibilityLens.selectDeploymentMode';
    this.item.text = '$(shield)';
    this.subscription = vscode.window.onDidChangeActiveTextEditor(() => this.showOrHide());
    this.showOrHide();
  }

  update(status: StatusParams): void {
    const contract = contractLabel(status.contract);
    // Servers before the text field: the mode's name alone.
    this.item.text = status.text ?? `$(shield) ${status.deploymentModeLabel}`;
    const tooltip = vscode.l10n.t('Responsibility Lens: deployment mode {0}. Click to change.', status.deploymentModeLabel);
    this.item.tooltip = status.tooltip ?? status.dataError ?? (contract ? `${tooltip}\n${contract.long}` : tooltip);
    this.item.backgroundColor = status.dataError ? new vscode.ThemeColor('statusBarItem.errorBackground') : status.contract === 'invalid' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  private showOrHide(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (document && this.analyses(document)) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

/** What the status bar says about the workspace's contract; nothing when there is none. */
function contractLabel(status: StatusParams['contract']): { long: string } | undefined {
  switch (status) {
    case 'loaded':
      return { long: vscode.l10n.t('The contract .rlens/contract.yaml is applied.') };
    case 'untrusted':
      return { long: vscode.l10n.t('The contract .rlens/contract.yaml is not loaded: the workspace is not trusted.') };
    case 'invalid':
      return { long: vscode.l10n.t('The contract .rlens/contract.yaml has errors and is not applied; see its problems.') };
    default:
      return undefined;
  }
}

/** Command "Responsibility Lens: Select deployment mode": a quick pick writing the setting. */
export async function selectDeploymentMode(): Promise<void> {
  const choices: (vscode.QuickPickItem & { mode: DeploymentModeSetting })[] = [
    { mode: 'public-cloud', label: vscode.l10n.t('Cloud service (public or dedicated cloud)'), description: 'public-cloud', detail: vscode.l10n.t('The provider runs the platform in its data centre: responsibilities as in the 2020 tables. A government cloud run in the provider\'s data centre is this mode too (white paper table 6).') },
    { mode: 'cloud-software', label: vscode.l10n.t('Cloud software delivery (private cloud)'), description: 'cloud-software', detail: vscode.l10n.t('You run the platform: physical infrastructure and platform operation are yours.') },
    { mode: 'cloud-software-managed', label: vscode.l10n.t('Cloud software delivery with managed operation'), description: 'cloud-software-managed', detail: vscode.l10n.t('The platform is in your data centre and the provider operates it for you (e.g. a government cloud in your data centre); final responsibility stays yours, the provider supports.') },
  ];
  const current = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>('deploymentMode');
  const picked = await vscode.window.showQuickPick(
    choices.map((choice) => ({ ...choice, picked: choice.mode === current })),
    { placeHolder: vscode.l10n.t('Deployment mode for the shared-responsibility model') },
  );
  if (!picked) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('deploymentMode', picked.mode, target);
}
