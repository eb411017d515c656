/**
 * The bundled language server (dist/server.js) as a child process over stdio, started the way
 * test/protocol/lspClient.ts starts it, but keeping what benchmarks need: the child's pid (for its memory) and
 * the moment each diagnostics notification arrives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';
import { now } from './measure';

const SERVER = path.resolve(__dirname, '../dist/server.js');
/** A guard against a server that never answers, not a wait: every wait ends on a notification. */
const TIMEOUT_MS = 300_000;

interface Waiter {
  readonly done: () => boolean;
  readonly resolve: () => void;
}

export class BenchServer {
  /** Per URI, the last version published and when it arrived (ms, see `now`). */
  readonly published = new Map<string, { version: number; at: number; count: number }>();
  private readonly waiters = new Set<Waiter>();
  private exited: string | undefined;
  private readonly stderr: string[] = [];

  private constructor(private readonly child: ChildProcess, private readonly connection: MessageConnection) {}

  static async start(): Promise<BenchServer> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const server = new BenchServer(child, connection);
    let ready = false;
    child.stderr!.on('data', (chunk: Buffer) => server.stderr.push(chunk.toString()));
    child.on('exit', (code, signal) => {
      server.exited = `the server exited (${code ?? signal}): ${server.stderr.join('').slice(-2000)}`;
      server.changed();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const at = now();
      const count = (server.published.get(params.uri)?.count ?? 0) + 1;
      server.published.set(params.uri, { version: params.version ?? -1, at, count });
      server.changed();
    });
    connection.onNotification('responsibilityLens/status', () => {
      ready = true;
      server.changed();
    });
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      locale: 'en',
      capabilities: { workspace: { configuration: true, inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } } },
      initializationOptions: {},
    });
    await connection.sendNotification('initialized', {});
    await server.until(() => ready, 'the first status notification');
    return server;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The server process's resident set size and its peak, in bytes, from /proc/<pid>/status (Linux). */
  memory(): { rss: number; peak: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  }

  open(uri: string, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text } });
  }

  change(uri: string, version: number, range: Range, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** Resolves when diagnostics for `uri` at `version` (or later) have arrived; returns when they arrived. */
  async diagnosed(uri: string, version: number): Promise<number> {
    await this.until(() => (this.published.get(uri)?.version ?? -Infinity) >= version, `diagnostics of ${uri} v${version}`);
    return this.published.get(uri)!.at;
  }

  /** Resolves once `done` holds; checked again on every notification from the server. */
  until(done: () => boolean, what: string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
      const waiter: Waiter = {
        done: () => done() || this.exited !== undefined,
        resolve: () => finish(this.exited !== undefined ? new Error(this.exited) : undefined),
      };
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        if (error) reject(error);
        else resolve();
      };
      this.waiters.add(waiter);
    });
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) if (waiter.done()) waiter.resolve();
  }

  async stop(): Promise<void> {
    if (this.exited === undefined) {
      const exit = new Promise((resolve) => this.child.once('exit', resolve));
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
      await exit;
    }
    this.connection.dispose();
  }
}
