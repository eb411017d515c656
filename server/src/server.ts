import { CodeActionKind, createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultAssetPaths } from './assets';
import { AnalysisCache } from './documents/analysisCache';
import { effectiveSettings, type EffectiveSettings } from './documents/settings';
import { Engine } from './engine';
import { pick } from './i18n/language';
import { t } from './i18n/messages';
import { loadKnowledge } from './matrices/loader';
import { watchMatrices } from './documents/matricesWatcher';
import { onCodeActions } from './handlers/codeActions';
import { onCodeLens } from './handlers/codeLens';
import type { HandlerContext } from './handlers/context';
import { DiagnosticsScheduler } from './handlers/diagnostics';
import { guarded } from './handlers/guard';
import { onHover } from './handlers/hover';
import { onInlayHints } from './handlers/inlayHints';
import { SETTINGS_SECTION, STATUS_NOTIFICATION, type RlensSettings, type StatusParams } from './protocol/protocol';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string): void => connection.console.log(message);

const assets = defaultAssetPaths();
let engine: Engine | undefined;
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
  settings: () => settings,
  log,
};
const diagnostics = new DiagnosticsScheduler(connection, context);

connection.onInitialize(async (params: InitializeParams) => {
  locale = params.locale;
  settings = effectiveSettings(params.initializationOptions as RlensSettings | undefined, locale);
  await startEngine();
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      inlayHintProvider: { resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'responsibility-lens' },
  };
});

/** Loads the data and the parser; when the data is invalid the server still runs and says why. */
async function startEngine(): Promise<void> {
  try {
    engine = await Engine.create(assets);
    cache = new AnalysisCache(engine);
    dataError = undefined;
  } catch (error) {
    dataError = t(settings.language, 'error.matrices', (error as Error).message);
    log(dataError);
  }
}

connection.onInitialized(() => {
  void refreshSettings();
  stopWatching = watchMatrices(assets.matricesDir, () => void reloadData(), log);
});

let stopWatching: (() => void) | undefined;
connection.onShutdown(() => stopWatching?.());

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
}

function sendStatus(): void {
  const mode = engine?.knowledge.model.modes.get(settings.mode);
  const status: StatusParams = {
    deploymentMode: settings.mode,
    deploymentModeLabel: mode ? pick(mode.name, settings.language) : settings.mode,
    ...(dataError ? { dataError } : {}),
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
  void refreshSettings();
}

documents.onDidOpen((event) => diagnostics.schedule(event.document.uri));
documents.onDidChangeContent((event) => diagnostics.schedule(event.document.uri));
documents.onDidClose((event) => {
  cache?.forget(event.document.uri);
  diagnostics.clear(event.document.uri);
});

connection.onHover(guarded('hover', null, log, (params) => onHover(context, params)));
connection.languages.inlayHint.on(guarded('inlayHint', [], log, (params) => onInlayHints(context, params)));
connection.onCodeLens(guarded('codeLens', [], log, (params) => onCodeLens(context, params)));
connection.onCodeAction(guarded('codeAction', [], log, (params) => onCodeActions(context, params)));

// A bug in one request must never end the process: log it and keep serving.
process.on('uncaughtException', (error) => log(`uncaught: ${error.stack ?? String(error)}`));
process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${String(reason)}`));

documents.listen(connection);
connection.listen();
