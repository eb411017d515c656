import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  CodeLens,
  Diagnostic,
  Hover,
  InlayHint,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
} from 'vscode-languageserver-protocol';
import type { RlensSettings, StatusParams } from '../../server/src/protocol/protocol';

const SERVER = path.resolve(__dirname, '../../dist/server.js');

/**
 * A minimal LSP client for tests: starts the bundled server as a child process over stdio, answers its
 * configuration requests from `settings`, and records what it publishes so tests can wait for it.
 */
export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly statuses: StatusParams[] = [];
  readonly refreshes: string[] = [];
  readonly logs: string[] = [];
  settings: RlensSettings = {};
  private readonly listeners = new Set<() => void>();
  private exitCode: number | null | undefined;

  private constructor(private readonly child: ChildProcess, readonly connection: MessageConnection) {}

  static async start(settings: RlensSettings = {}, locale = 'en', env: NodeJS.ProcessEnv = {}, workspaceFolder?: string): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    client.settings = settings;
    child.on('exit', (code) => {
      client.exitCode = code;
      client.changed();
    });
    child.stderr?.on('data', (chunk: Buffer) => client.logs.push(chunk.toString()));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => client.settings));
    connection.onRequest('workspace/inlayHint/refresh', () => {
      client.refreshes.push('inlayHint');
      client.changed();
      return null;
    });
    connection.onRequest('workspace/codeLens/refresh', () => {
      client.refreshes.push('codeLens');
      client.changed();
      return null;
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.diagnostics.set(params.uri, params);
      client.changed();
    });
    connection.onNotification('responsibilityLens/status', (params: StatusParams) => {
      client.statuses.push(params);
      client.changed();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      client.logs.push(params.message);
      client.changed();
    });
    connection.listen();
    await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: workspaceFolder ? `file://${workspaceFolder}` : null,
      workspaceFolders: workspaceFolder ? [{ uri: `file://${workspaceFolder}`, name: 'workspace' }] : null,
      locale,
      capabilities: { workspace: { configuration: true, inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } } },
      initializationOptions: settings,
    });
    await connection.sendNotification('initialized', {});
    await client.waitFor(() => client.statuses.length > 0, 'the first status notification');
    return client;
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  /** Resolves once `predicate` holds, re-checked whenever the server sends something; fails after the deadline. */
  waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, range: Range, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  async changeSettings(settings: RlensSettings): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  inlayHints(uri: string, range: Range = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } }): Promise<InlayHint[] | null> {
    return this.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[] | null> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  /** Resolves with the next diagnostics published for `uri` at `version` or later. */
  async diagnosticsFor(uri: string, version: number): Promise<Diagnostic[]> {
    await this.waitFor(() => (this.diagnostics.get(uri)?.version ?? -1) >= version, `diagnostics of ${uri} v${version}`);
    return this.diagnostics.get(uri)?.diagnostics ?? [];
  }

  codeLens(uri: string): Promise<CodeLens[] | null> {
    return this.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        // The server may already be gone; killing it below is enough.
      }
    }
    this.connection.dispose();
    this.child.kill();
  }
}
