/**
 * `rlens scan --workers N`: the scan spread over worker threads (worker.ts, started through entry.ts), each with its own engine. The
 * files of one directory always go to the same worker, as one request: a Terraform module is a directory and
 * the scanner reads a file's siblings with it, so one worker parses them once instead of each worker again.
 * Results come back per file and are put back in the files' order, so the report is the same as in one thread.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Language } from '../i18n/language';
import { t } from '../i18n/messages';
import { UsageError } from './args';
import type { FileResult } from './scan';
import type { ScanRequest, WorkerConfig, WorkerReply, WorkerSetup } from './workerProtocol';

export type WorkersOption = number | 'auto';

/**
 * One thread unless asked. Measured with bench/cliThroughput.ts on the 2-core machine of bench/README.md (shared,
 * load about 2.4): 2 workers against 1 thread took 0.79× the speed on 40 files, 1.11× on 200 and 1.25× on 1,000.
 * A worker's start-up (its own engine: matrices, schemas, parser wasm, about half a second) is what small scans
 * lose; `auto` starts a second worker only from 200 files.
 */
export const DEFAULT_WORKERS: WorkersOption = 1;
export const MAX_WORKERS = 64;
/** With `auto`, at most one worker per this many files (see DEFAULT_WORKERS). */
export const FILES_PER_AUTO_WORKER = 100;
/** Directory groups sent ahead to a worker, so that it never waits for the main thread between two. */
const GROUPS_IN_FLIGHT = 2;

/** `--workers`: a whole number from 1 to MAX_WORKERS, or `auto`; anything else is a usage error. */
export function parseWorkers(value: string | undefined, language: Language): WorkersOption {
  if (value === undefined) return DEFAULT_WORKERS;
  if (value === 'auto') return 'auto';
  if (!/^[1-9][0-9]*$/.test(value) || Number(value) > MAX_WORKERS) {
    throw new UsageError(t(language, 'cli.usage.badValue', '--workers', value, t(language, 'cli.usage.workersExpected', MAX_WORKERS)));
  }
  return Number(value);
}

/** The files' indices grouped by directory, each group in file order, groups in the order of their first file. */
export function directoryGroups(files: readonly string[]): number[][] {
  const groups = new Map<string, number[]>();
  files.forEach((file, index) => {
    const dir = path.dirname(path.resolve(file));
    let group = groups.get(dir);
    if (!group) groups.set(dir, (group = []));
    group.push(index);
  });
  return [...groups.values()];
}

/**
 * How many workers to start for these files: never more than there are directories; `auto` is one per core
 * and at most one per FILES_PER_AUTO_WORKER files. 1 means no worker at all: the main thread scans.
 */
export function plannedWorkers(option: WorkersOption, files: readonly string[], cores: number = os.availableParallelism()): number {
  const wanted = option === 'auto' ? Math.min(cores, Math.floor(files.length / FILES_PER_AUTO_WORKER)) : option;
  return Math.max(1, Math.min(wanted, directoryGroups(files).length));
}

/** The script a worker runs; tests run the TypeScript entry instead of the bundle. */
export interface WorkerEntry {
  readonly file: string;
  readonly execArgv?: readonly string[];
}

/** The CLI's bundle (dist/cli.js) is also the workers' script: entry.ts runs a worker when not on the main thread. */
export function bundledWorkerEntry(): WorkerEntry {
  return { file: __filename };
}

/** A worker could not start, failed or stopped: the scan is abandoned (exit 2). The message is in the user's language. */
export class ScanWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanWorkerError';
  }
}

interface ActiveScan {
  readonly onResult: (worker: Worker, index: number, result: FileResult) => void;
  readonly onFailure: (error: ScanWorkerError) => void;
}

/**
 * Workers started as soon as the files are known. The first failure (a worker's error, an exit before `close`,
 * an undecodable message) terminates every worker and fails what is awaited (`ready`, `scan`) now or later: a
 * failure never leaves the CLI waiting.
 */
export class ScanWorkerPool {
  private readonly workers: Worker[] = [];
  private failure: ScanWorkerError | null = null;
  private closing = false;
  private active: ActiveScan | null = null;
  private setup: WorkerSetup | null = null;
  private readonly waiting: { resolve: (setup: WorkerSetup) => void; reject: (error: ScanWorkerError) => void }[] = [];

  private constructor(private readonly language: Language) {}

  static start(count: number, entry: WorkerEntry, config: WorkerConfig): ScanWorkerPool {
    if (!fs.existsSync(entry.file)) throw new ScanWorkerError(t(config.language, 'cli.worker.missing', entry.file));
    const pool = new ScanWorkerPool(config.language);
    for (let i = 0; i < count; i++) {
      const worker = new Worker(entry.file, { workerData: config, ...(entry.execArgv ? { execArgv: [...entry.execArgv] } : {}) });
      worker.on('message', (reply: WorkerReply) => pool.receive(worker, reply));
      worker.on('error', (error: Error) => pool.fail(t(config.language, 'cli.worker.failed', error.message)));
      worker.on('messageerror', (error: Error) => pool.fail(t(config.language, 'cli.worker.failed', error.message)));
      worker.on('exit', (code: number) => pool.fail(t(config.language, 'cli.worker.exited', code)));
      pool.workers.push(worker);
    }
    return pool;
  }

  /** The setup of the first worker whose engine is ready: every worker builds the same one. */
  ready(): Promise<WorkerSetup> {
    return new Promise((resolve, reject) => {
      if (this.failure) reject(this.failure);
      else if (this.setup) resolve(this.setup);
      else this.waiting.push({ resolve, reject });
    });
  }

  /** Scans the files; resolves with each file's result, in the files' order. */
  scan(files: readonly string[], onProgress?: (done: number, total: number) => void): Promise<FileResult[]> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      if (this.active) return reject(new Error('ScanWorkerPool: one scan at a time'));
      if (files.length === 0) return resolve([]);
      const results: (FileResult | undefined)[] = new Array<FileResult | undefined>(files.length).fill(undefined);
      let done = 0;
      // Largest directories first: a big one started last would leave the other workers idle at the end.
      const queue = directoryGroups(files).sort((a, b) => b.length - a.length);
      // Per worker, the number of files still due from each group it was sent, oldest first.
      const due = new Map<Worker, number[]>();
      const feed = (worker: Worker): void => {
        const sent = due.get(worker) ?? [];
        due.set(worker, sent);
        while (sent.length < GROUPS_IN_FLIGHT && queue.length > 0) {
          const group = queue.shift() ?? [];
          sent.push(group.length);
          const request: ScanRequest = { type: 'scan', files: group.map((index) => ({ index, file: files[index] as string })) };
          worker.postMessage(request);
        }
      };
      this.active = {
        onResult: (worker, index, result) => {
          const sent = due.get(worker);
          if (!Number.isInteger(index) || index < 0 || index >= files.length || results[index] !== undefined || !sent || sent.length === 0) {
            this.fail(t(this.language, 'cli.worker.failed', `unexpected result #${index}`));
            return;
          }
          results[index] = result;
          done++;
          onProgress?.(done, files.length);
          sent[0] = (sent[0] ?? 1) - 1;
          if (sent[0] === 0) {
            sent.shift();
            feed(worker);
          }
          if (done === files.length) {
            this.active = null;
            resolve(results as FileResult[]);
          }
        },
        onFailure: (error) => {
          this.active = null;
          reject(error);
        },
      };
      for (const worker of this.workers) feed(worker);
    });
  }

  /** Ends every worker; call it once the scan is over, whatever its outcome. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private receive(worker: Worker, reply: WorkerReply): void {
    if (reply.type === 'ready') {
      if (this.setup) return;
      this.setup = reply.setup;
      for (const waiter of this.waiting.splice(0)) waiter.resolve(reply.setup);
      return;
    }
    if (reply.type === 'failed') {
      this.fail(reply.file === null ? t(this.language, 'cli.worker.failed', reply.message) : t(this.language, 'cli.worker.failedOn', reply.file, reply.message));
      return;
    }
    this.active?.onResult(worker, reply.index, reply.result);
  }

  private fail(message: string): void {
    if (this.failure || this.closing) return;
    this.failure = new ScanWorkerError(message);
    for (const worker of this.workers) void worker.terminate();
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
    this.active?.onFailure(this.failure);
  }
}
