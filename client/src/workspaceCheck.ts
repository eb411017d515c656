import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CHECK_FILES_REQUEST,
  CLEAR_CLOSED_FILES_NOTIFICATION,
  FORGET_FILES_NOTIFICATION,
  SETTINGS_SECTION,
  type CheckFilesParams,
  type CheckFilesResult,
  type WorkspaceDiagnosticsSetting,
} from '../../server/src/protocol/protocol';
import { GitignoreRules } from './gitignore';

/** The files the server analyses: Terraform, its variable files, and YAML/JSON (ROS templates; secrets in others). */
const IAC_FILES = '**/*.{tf,tfvars,yaml,yml,json,template}';
/** Files per request: the server reads and forgets them one at a time; a batch is the unit of progress and cancel. */
const BATCH = 20;

/**
 * Whole-workspace results: the command "Check workspace" and the setting `responsibilityLens.workspaceDiagnostics`.
 * Finds the workspace's IaC files as VS Code's search does for files.exclude, leaves out what .gitignore ignores,
 * and hands them to the server in batches under a cancellable progress notification. While the setting is on (or
 * after the command ran), files changed on disk are checked again and deleted ones cleared; turning the setting
 * off clears every closed file's results.
 */
export class WorkspaceCheck implements vscode.Disposable {
  private watcher: vscode.Disposable | undefined;
  private running: vscode.CancellationTokenSource | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.workspaceDiagnostics`)) void this.followSetting();
        else if (event.affectsConfiguration('files.exclude') && this.watcher) void this.run();
      }),
    );
  }

  /** At start-up: checks the workspace when the setting is on. */
  async start(): Promise<void> {
    if (setting() === 'on') await this.run();
  }

  /** Checks every IaC file of the workspace; resolves when done or cancelled. */
  async run(): Promise<void> {
    this.running?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.running = source;
    this.watch();
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Responsibility Lens: checking the workspace'), cancellable: true },
        async (progress, token) => {
          const cancel = token.onCancellationRequested(() => source.cancel());
          try {
            const files = await workspaceFiles(source.token);
            for (let start = 0; start < files.length && !source.token.isCancellationRequested; start += BATCH) {
              const uris = files.slice(start, start + BATCH).map((uri) => uri.toString());
              await this.client.sendRequest<CheckFilesResult>(CHECK_FILES_REQUEST, { uris } satisfies CheckFilesParams, source.token);
              const done = Math.min(start + BATCH, files.length);
              progress.report({ increment: (100 * uris.length) / files.length, message: vscode.l10n.t('{0} of {1} files', done, files.length) });
            }
          } finally {
            cancel.dispose();
          }
        },
      );
    } finally {
      if (this.running === source) this.running = undefined;
      source.dispose();
    }
  }

  private async followSetting(): Promise<void> {
    if (setting() === 'on') {
      await this.run();
      return;
    }
    this.running?.cancel();
    this.watcher?.dispose();
    this.watcher = undefined;
    await this.client.sendNotification(CLEAR_CLOSED_FILES_NOTIFICATION);
  }

  /** Keeps closed files' results up to date with the disk (the server also hears of .tf and .tfvars changes). */
  private watch(): void {
    if (this.watcher) return;
    const watcher = vscode.workspace.createFileSystemWatcher(IAC_FILES);
    const recheck = async (uri: vscode.Uri): Promise<void> => {
      if (uri.scheme !== 'file' || vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
      if (!(await included(uri))) return;
      await this.client.sendRequest<CheckFilesResult>(CHECK_FILES_REQUEST, { uris: [uri.toString()] } satisfies CheckFilesParams);
    };
    this.watcher = vscode.Disposable.from(
      watcher,
      watcher.onDidCreate((uri) => void recheck(uri)),
      watcher.onDidChange((uri) => void recheck(uri)),
      watcher.onDidDelete((uri) => void this.client.sendNotification(FORGET_FILES_NOTIFICATION, { uris: [uri.toString()] } satisfies CheckFilesParams)),
    );
  }

  dispose(): void {
    this.running?.cancel();
    this.watcher?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function setting(): WorkspaceDiagnosticsSetting {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<WorkspaceDiagnosticsSetting>('workspaceDiagnostics') === 'on' ? 'on' : 'off';
}

/** The workspace's IaC files on disk, without files.exclude (findFiles applies it) and what .gitignore ignores. */
async function workspaceFiles(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const found = (await vscode.workspace.findFiles(IAC_FILES, undefined, undefined, token)).filter((uri) => uri.scheme === 'file');
  const rules = new Map<string, GitignoreRules>();
  const kept: vscode.Uri[] = [];
  for (const uri of found) {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) continue;
    if (!(await gitignoreOf(folder, rules, uri)).ignores(relativePath(folder, uri))) kept.push(uri);
  }
  return kept.sort((a, b) => a.path.localeCompare(b.path));
}

/** Whether a changed file belongs to the check: in a folder, not excluded by files.exclude or .gitignore. */
async function included(uri: vscode.Uri): Promise<boolean> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return false;
  const relative = relativePath(folder, uri);
  const excluded = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, relative), undefined, 1);
  if (excluded.length === 0) return false;
  return !(await gitignoreOf(folder, new Map(), uri)).ignores(relative);
}

function relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  return uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
}

/**
 * The .gitignore rules that apply to `uri`: those of its workspace folder and of every folder down to its own,
 * read once per folder (`cache` holds one GitignoreRules per workspace folder, filled as folders are met).
 */
async function gitignoreOf(folder: vscode.WorkspaceFolder, cache: Map<string, GitignoreRules>, uri: vscode.Uri): Promise<GitignoreRules> {
  const key = folder.uri.toString();
  let rules = cache.get(key);
  if (!rules) {
    rules = new GitignoreRules();
    cache.set(key, rules);
  }
  const read = readFolders.get(rules) ?? new Set<string>();
  readFolders.set(rules, read);
  const parts = relativePath(folder, uri).split('/').slice(0, -1);
  for (let depth = 0; depth <= parts.length; depth++) {
    const base = parts.slice(0, depth).join('/');
    if (read.has(base)) continue;
    read.add(base);
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, ...(base ? base.split('/') : []), '.gitignore'));
      rules.add(base, new TextDecoder().decode(bytes));
    } catch {
      // no .gitignore in this folder
    }
  }
  return rules;
}

/** The folders whose .gitignore each rule set has read (or found missing). */
const readFolders = new WeakMap<GitignoreRules, Set<string>>();
