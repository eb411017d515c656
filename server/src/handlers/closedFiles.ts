import * as fs from 'fs';
import { readTextFile, realRoots } from '../util/safeFile';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { CancellationToken, Connection, Diagnostic } from 'vscode-languageserver/node';
import { isContractFile } from '../contract/contract';
import { isCustomRulesFile } from '../rules/custom';
import type { FileAnalysis } from '../engine';
import type { EffectiveSettings } from '../documents/settings';
import type { HandlerContext } from './context';
import { analysisDiagnostics, skippedDiagnostic } from './diagnostics';

/**
 * Diagnostics of files that are not open in the editor: the whole-workspace check. Each file is read from disk,
 * analysed, published, and forgotten (no tree or analysis is kept), one at a time with a turn of the event loop
 * between files, so memory stays bounded and the server keeps answering the editor meanwhile. Open documents are
 * left to the open-document diagnostics.
 */
export class ClosedFileDiagnostics {
  /** Closed files whose diagnostics this class published (possibly empty): what to refresh and what to clear. */
  private readonly published = new Set<string>();
  /** Bumped by clearAll(), so a check still running stops publishing. */
  private generation = 0;
  private readonly pendingDirs = new Set<string>();
  private dirTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly context: HandlerContext,
    /** Analyses a closed file's text (with its module's other files) and frees what the analysis kept. */
    private readonly analyseClosed: (uri: string, text: string, settings: EffectiveSettings) => FileAnalysis,
    /** The workspace folders, symlinks resolved: no file outside them is read. */
    private readonly roots: () => readonly string[],
    private readonly settleMs = 300,
  ) {}

  /** True once a check has run and until clearAll(): file changes then update the closed files' results. */
  get active(): boolean {
    return this.published.size > 0;
  }

  /** Checks `uris` (file URIs), yielding between files; stops early when cancelled. Answers how many were checked. */
  async check(uris: readonly string[], token?: CancellationToken): Promise<number> {
    const generation = this.generation;
    let checked = 0;
    for (const uri of uris) {
      if (token?.isCancellationRequested || generation !== this.generation) break;
      if (this.checkOne(uri)) checked++;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return checked;
  }

  /** Checks the closed files already checked again (settings, data, contract or rules changed). */
  recheckAll(): void {
    void this.check([...this.published]);
  }

  /**
   * Checks again the closed files of `dir` that were checked (a file of their module changed), once the changes
   * settle: an edit in an open file of the module calls this on every keystroke.
   */
  recheckDir(dir: string): void {
    if (!this.active) return;
    this.pendingDirs.add(dir);
    clearTimeout(this.dirTimer);
    this.dirTimer = setTimeout(() => {
      const dirs = new Set(this.pendingDirs);
      this.pendingDirs.clear();
      void this.check([...this.published].filter((uri) => dirs.has(path.dirname(URI.parse(uri).fsPath))));
    }, this.settleMs);
  }

  /** A document was closed: while whole-workspace results are on, its diagnostics come from the disk again. */
  closed(uri: string): boolean {
    if (!this.active) return false;
    return this.checkOne(uri);
  }

  forget(uris: readonly string[]): void {
    for (const uri of uris) {
      if (!this.published.delete(uri)) continue;
      if (!this.context.documents.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  clearAll(): void {
    this.generation++;
    clearTimeout(this.dirTimer);
    this.pendingDirs.clear();
    this.forget([...this.published]);
  }

  /** Reads, analyses and publishes one closed file; false when it is open, not a file, or unreadable. */
  private checkOne(uri: string): boolean {
    if (!uri.startsWith('file:') || this.context.documents.get(uri)) return false;
    const file = URI.parse(uri).fsPath;
    // Custom rules and the contract have their own diagnostics, published when they are loaded.
    if (isCustomRulesFile(file) || isContractFile(file)) return false;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = this.diagnosticsOf(uri, file);
    } catch (error) {
      this.context.log(`could not check ${file}: ${(error as Error).message}`);
      this.forget([uri]);
      return false;
    }
    this.published.add(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics });
    return true;
  }

  private diagnosticsOf(uri: string, file: string): Diagnostic[] {
    const settings = this.context.settings();
    // Read as every other file is read (util/safeFile): a regular file inside the workspace, never a FIFO or a
    // device, capped before reading. A UTF-16 code unit takes at most 3 bytes in UTF-8: a larger file is over the
    // limit without reading it; the analysis applies the limit itself to what is read.
    // Without workspace folders (a single file opened), the file's own folder, as for a module's other files.
    const given = this.roots();
    const read = readTextFile(file, { roots: given.length > 0 ? given : realRoots([path.dirname(file)]), maxBytes: settings.maxLength * 3 });
    if (!read.ok) {
      if (read.reason === 'too-large') return [skippedDiagnostic('too-large', uri, fileSize(file), settings)];
      throw new Error(read.reason === 'unreadable' ? (read.code ?? 'unreadable') : read.reason);
    }
    return analysisDiagnostics(this.context, uri, read.text, this.analyseClosed(uri, read.text, settings), settings);
  }
}

/** The size of a file already found to be a regular file, for the message; 0 if it went away meanwhile. */
function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
