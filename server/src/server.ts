import { CodeActionKind, createConnection, FileChangeType, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultAssetPaths } from './assets';
import { AnalysisCache, moduleMemberFile } from './documents/analysisCache';
import { ModuleIndex } from './documents/moduleIndex';
import { effectiveSettings, type EffectiveSettings } from './documents/settings';
import { Engine } from './engine';
import { pick } from './i18n/language';
import { t } from './i18n/messages';
import { loadKnowledge } from './matrices/loader';
import { watchMatrices } from './documents/matricesWatcher';
import { FIX_ALL_RULE_KIND, onCodeActions } from './handlers/codeActions';
import { onCodeLens } from './handlers/codeLens';
import type { HandlerContext } from './handlers/context';
import { DiagnosticsScheduler } from './handlers/diagnostics';
import { guarded, Lifecycle } from './handlers/guard';
import { onHover } from './handlers/hover';
import { onInlayHints } from './handlers/inlayHints';
import { readTextFile, realRoots } from './util/safeFile';
import { CONFIG_FILE_MAX_BYTES } from './rules/custom';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { DeclarativeRule } from './rules/declarative/rule';
import { isCustomRulesFile, loadCustomRules, type RuleFileProblem } from './rules/custom';
import { ruleFileDiagnostic } from './handlers/diagnostics';
import { CHECK_FILES_REQUEST, CLEAR_CLOSED_FILES_NOTIFICATION, FORGET_FILES_NOTIFICATION, type CheckFilesParams, type CheckFilesResult, CONTRACT_TEMPLATE_REQUEST, SETTINGS_SECTION, STATUS_NOTIFICATION, TRUSTED_NOTIFICATION, type ContractStatus, type ContractTemplateResult, type RlensSettings, type StatusParams } from './protocol/protocol';
import { isContractFile } from './contract/contract';
import { contractTemplate } from './contract/template';
import { workspaceContract } from './contract/workspace';
import { onCompletion } from './handlers/completion';
import { contractDiagnostics } from './handlers/contractDiagnostics';
import { maskSecretsIn } from './rules/secrets/displaySafe';
import { statusText } from './handlers/statusText';
import { ClosedFileDiagnostics } from './handlers/closedFiles';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
// Log lines name files (URIs) and quote errors: a key in a file name or an error is masked like everywhere else.
const log = (message: string): void => connection.console.log(maskSecretsIn(message));

const assets = defaultAssetPaths();
let engine: Engine | undefined;
let modules: ModuleIndex | undefined;
let cache: AnalysisCache | undefined;
let locale: string | undefined;
let settings: EffectiveSettings = effectiveSettings(undefined, undefined);
let dataError: string | undefined;

const context: HandlerContext = {
  documents,
  get engine(): Engine {
    if (!engine) throw new Error('engine not ready');
    return engine;
  },
  get cache(): AnalysisCache {
    if (!cache) throw new Error('engine not ready');
    return cache;
  },
  // The contract's deployment mode wins over the setting, for every handler (hover context, cache keys).
  settings: () => (engine?.contract?.deploymentMode ? { ...settings, mode: engine.contract.deploymentMode } : settings),
  log,
};
const diagnostics = new DiagnosticsScheduler(connection, context);
const closedFiles = new ClosedFileDiagnostics(connection, context, (uri, text, current) => {
  const file = moduleMemberFile(uri);
  const analysis = context.engine.analyse(uri, uri, text, {
    mode: current.mode,
    maxLength: current.maxLength,
    ...(file && file.endsWith('.tf') && modules ? { module: () => modules?.module(file) ?? [] } : {}),
  });
  // A closed file's tree is not kept: the next check reads the file again.
  context.engine.forget(uri);
  return analysis;
}, () => workspaceRealRoots);

let workspaceRoots: string[] = [];
/** The workspace folders with symlinks resolved: no file outside them is read (util/safeFile). */
let workspaceRealRoots: string[] = [];
let trusted = false;
const lifecycle = new Lifecycle();
/** Problems of each custom rules file on disk, published as that file's diagnostics. */
let customRuleProblems = new Map<string, RuleFileProblem[]>();
let contractStatus: ContractStatus = 'none';
/** The contract file last published while closed, so its diagnostics can be cleared when it goes away. */
let contractFile: string | undefined;

connection.onInitialize(async (params: InitializeParams) => {
  locale = params.locale;
  // Untrusted unless the client says otherwise: a client that does not know about trust must not make the
  // server run the workspace's own rules and contract.
  trusted = (params.initializationOptions as RlensSettings | undefined)?.trusted === true;
  workspaceRoots = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
  workspaceRealRoots = realRoots(workspaceRoots);
  settings = effectiveSettings(params.initializationOptions as RlensSettings | undefined, locale);
  await startEngine();
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      inlayHintProvider: { resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_RULE_KIND] },
      // Only answers in .rlens/contract.yaml (item and option ids); elsewhere it returns nothing.
      completionProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'responsibility-lens' },
  };
});

/** Loads the data and the parser; when the data is invalid the server still runs and says why. */
async function startEngine(): Promise<void> {
  try {
    engine = await Engine.create(assets);
    const started = engine;
    modules = new ModuleIndex(
      (text, kind) => started.parseTerraform(text, kind),
      (file) => {
        const open = documents.get(URI.file(file).toString());
        return open ? { text: open.getText(), version: open.version } : undefined;
      },
      // A module's other files are read only inside the workspace folders, only when regular, never above the size limit.
      { roots: () => workspaceRealRoots, maxBytes: () => settings.maxLength },
    );
    cache = new AnalysisCache(engine, modules);
    dataError = undefined;
  } catch (error) {
    dataError = t(settings.language, 'error.matrices', (error as Error).message);
    log(dataError);
  }
}

/** Loads the workspaces' .rlens/rules (trusted workspaces only) and re-checks open documents. */
function reloadCustomRules(): void {
  if (!engine) return;
  const previous = customRuleProblems;
  customRuleProblems = new Map();
  const rules: DeclarativeRule[] = [];
  if (trusted) {
    const builtinIds = new Set(engine.rules.filter((r) => r.origin === 'builtin').map((r) => r.id));
    for (const root of workspaceRoots) {
      const loaded = loadCustomRules(root, engine.knowledge, path.join(assets.matricesDir, 'schema'), builtinIds);
      rules.push(...loaded.rules);
      for (const [file, problems] of loaded.problems) customRuleProblems.set(file, problems);
    }
  }
  engine.setCustomRules(rules);
  cache?.invalidateAll();
  for (const file of new Set([...previous.keys(), ...customRuleProblems.keys()])) {
    const uri = URI.file(file).toString();
    if (documents.get(uri)) continue; // an open rules file is validated from its live text
    void connection.sendDiagnostics({ uri, diagnostics: (customRuleProblems.get(file) ?? []).map((p) => ruleFileDiagnostic(p)) });
  }
  diagnostics.scheduleAll();
  closedFiles.recheckAll();
}

/**
 * Loads the workspace's .rlens/contract.yaml (trusted workspaces only; an open editor's text wins over the disk)
 * and refreshes everything it changes: cached analyses, hints, lenses, diagnostics and the status bar.
 */
function reloadContract(): void {
  if (!engine) return;
  const loaded = workspaceContract(workspaceRoots, trusted, engine.knowledge, path.join(assets.matricesDir, 'schema'), settings.language, (file) => documents.get(URI.file(file).toString())?.getText());
  engine.setContract(loaded.contract);
  contractStatus = loaded.status;
  cache?.invalidateAll();
  // A closed contract file gets its diagnostics here; an open one is validated from its live text.
  for (const file of new Set([contractFile, loaded.file])) {
    if (!file) continue;
    const uri = URI.file(file).toString();
    if (documents.get(uri)) continue;
    const text = file === loaded.file && loaded.status !== 'untrusted' ? readOrEmpty(file) : undefined;
    void connection.sendDiagnostics({ uri, diagnostics: text === undefined ? [] : contractDiagnostics(engine, text, file, settings.language) });
  }
  contractFile = loaded.file;
  refreshViews();
}

/** Tells the client that what it shows is stale: status bar, hints, lenses, diagnostics. */
function refreshViews(): void {
  sendStatus();
  void connection.languages.inlayHint.refresh().catch(() => undefined);
  void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  diagnostics.scheduleAll();
  closedFiles.recheckAll();
}

function readOrEmpty(file: string): string | undefined {
  const read = readTextFile(file, { roots: workspaceRealRoots, maxBytes: CONFIG_FILE_MAX_BYTES });
  return read.ok ? read.text : undefined;
}

connection.onNotification(TRUSTED_NOTIFICATION, () => {
  trusted = true;
  reloadCustomRules();
  reloadContract();
});
connection.onDidChangeWatchedFiles((params) => {
  if (params.changes.some((change) => isCustomRulesFile(URI.parse(change.uri).fsPath))) reloadCustomRules();
  if (params.changes.some((change) => isContractFile(URI.parse(change.uri).fsPath))) reloadContract();
  for (const change of params.changes) moduleChanged(moduleMemberFile(change.uri));
  closedFiles.forget(params.changes.filter((change) => change.type === FileChangeType.Deleted).map((change) => change.uri));
});

connection.onInitialized(() => {
  // Each step on its own: a workspace file that breaks one (a hostile rules file) must not stop the others.
  step('custom rules', reloadCustomRules);
  step('contract', reloadContract);
  void refreshSettings();
  stopWatching = watchMatrices(assets.matricesDir, () => void reloadData(), log);
});

function step(what: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    log(`could not load the ${what}: ${(error as Error).stack ?? String(error)}`);
  }
}

let stopWatching: (() => void) | undefined;
connection.onShutdown(() => {
  lifecycle.shutDown();
  stopWatching?.();
});

/** Pulls the settings and, when anything the user sees depends on them, refreshes open editors. */
async function refreshSettings(): Promise<void> {
  try {
    const raw = (await connection.workspace.getConfiguration(SETTINGS_SECTION)) as RlensSettings | null;
    settings = effectiveSettings(raw, locale);
  } catch (error) {
    log(`could not read settings: ${(error as Error).message}`);
  }
  sendStatus();
  void connection.languages.inlayHint.refresh().catch(() => undefined);
  void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  diagnostics.scheduleAll();
  closedFiles.recheckAll();
}

function sendStatus(): void {
  const effective = context.settings().mode;
  const mode = engine?.knowledge.model.modes.get(effective);
  const label = mode ? pick(mode.name, settings.language) : effective;
  const status: StatusParams = {
    deploymentMode: effective,
    deploymentModeLabel: label,
    ...(dataError ? { dataError } : {}),
    contract: contractStatus,
    ...statusText(effective, label, contractStatus, dataError, settings.language),
  };
  void connection.sendNotification(STATUS_NOTIFICATION, status);
}

connection.onDidChangeConfiguration(() => {
  void refreshSettings();
});

/** Reloads the responsibility data (matrices changed on disk); keeps the last good data when the new one is invalid. */
async function reloadData(): Promise<void> {
  if (!engine) {
    await startEngine();
    void refreshSettings();
    return;
  }
  try {
    engine.setKnowledge(loadKnowledge(assets.matricesDir));
    dataError = undefined;
  } catch (error) {
    dataError = `${t(settings.language, 'error.matrices', (error as Error).message)} ${t(settings.language, 'error.keptPrevious')}`;
    log(dataError);
  }
  cache?.invalidateAll();
  reloadCustomRules();
  reloadContract();
  void refreshSettings();
}

documents.onDidOpen((event) => diagnostics.schedule(event.document.uri));
documents.onDidChangeContent((event) => {
  diagnostics.schedule(event.document.uri);
  if (isContractFile(URI.parse(event.document.uri).fsPath)) reloadContract();
  moduleChanged(moduleMemberFile(event.document.uri));
});

/**
 * A file of a Terraform module changed (a `.tf` file, or a variable file whose values the others read): its
 * module's revision moves on and the open neighbours are checked again.
 */
function moduleChanged(file: string | undefined): void {
  if (!file || !modules) return;
  const dir = path.dirname(file);
  modules.touch(dir);
  closedFiles.recheckDir(dir);
  for (const open of documents.all()) {
    const other = moduleMemberFile(open.uri);
    if (other && other !== file && path.dirname(other) === dir) diagnostics.schedule(open.uri);
  }
}
documents.onDidClose((event) => {
  cache?.forget(event.document.uri);
  diagnostics.clear(event.document.uri);
  // With whole-workspace results on, a closed file keeps its diagnostics, read from the disk again.
  closedFiles.closed(event.document.uri);
  // Closing an edited, unsaved contract falls back to what is on disk.
  if (isContractFile(URI.parse(event.document.uri).fsPath)) reloadContract();
});

connection.onHover(lifecycle.serving(guarded('hover', null, log, (params) => onHover(context, params))));
connection.languages.inlayHint.on(lifecycle.serving(guarded('inlayHint', [], log, (params) => onInlayHints(context, params))));
connection.onCodeLens(lifecycle.serving(guarded('codeLens', [], log, (params) => onCodeLens(context, params))));
connection.onCodeAction(lifecycle.serving(guarded('codeAction', [], log, (params) => onCodeActions(context, params))));
connection.onCompletion(lifecycle.serving(guarded('completion', [], log, (params) => onCompletion(context, params))));
connection.onRequest(
  CHECK_FILES_REQUEST,
  lifecycle.serving(async (params: CheckFilesParams, token): Promise<CheckFilesResult> => ({ checked: engine ? await closedFiles.check(params.uris, token) : 0 })),
);
connection.onNotification(FORGET_FILES_NOTIFICATION, (params: CheckFilesParams) => closedFiles.forget(params.uris));
connection.onNotification(CLEAR_CLOSED_FILES_NOTIFICATION, () => closedFiles.clearAll());
connection.onRequest(CONTRACT_TEMPLATE_REQUEST, lifecycle.serving((): ContractTemplateResult => ({ text: engine ? contractTemplate(engine.knowledge) : '' })));

// A bug in one request must never end the process: log it and keep serving.
process.on('uncaughtException', (error) => log(`uncaught: ${error.stack ?? String(error)}`));
process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${String(reason)}`));

documents.listen(connection);
connection.listen();
