/**
 * A worker thread of `rlens scan --workers N` (started from dist/cli.js itself, see entry.ts). It builds its
 * own engine, configured as `--workers 1` configures the main thread's (custom rules, contract), reports what the
 * report needs from the engine, scans the files it is sent in the order sent, and posts each file's result back.
 * It never exits by itself: the main thread ends it when the scan is over or has failed.
 */
import { parentPort, workerData } from 'worker_threads';
import { Engine } from '../engine';
import { t } from '../i18n/messages';
import { MatrixLoadError } from '../matrices/loader';
import { UsageError } from './args';
import { expiredWaiverFindings } from './contract';
import { FileScanner } from './scan';
import { configureScanEngine } from './scanSetup';
import type { ScanRequest, WorkerConfig, WorkerReply, WorkerSetup } from './workerProtocol';

function reply(message: WorkerReply): void {
  parentPort?.postMessage(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Why this worker's setup stops the scan. The main thread then asks for no files; should it still (another
 * worker's setup came first and differed: a file changed in between), the request fails rather than waits.
 */
let stopped: string | null = null;

/** The engine and its setup; null when the setup stops the scan (the main thread then reports it and ends us). */
async function start(config: WorkerConfig): Promise<FileScanner | null> {
  let engine: Engine;
  try {
    engine = await Engine.create();
  } catch (error) {
    if (!(error instanceof MatrixLoadError)) throw error;
    stopped = t(config.language, 'error.matrices', error.message);
    reply({ type: 'ready', setup: { problems: [], fatal: stopped, rules: [], expiredWaivers: [] } });
    return null;
  }
  let problems: string[];
  try {
    problems = configureScanEngine(engine, config);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stopped = error.message;
    reply({ type: 'ready', setup: { problems: [], fatal: stopped, rules: [], expiredWaivers: [] } });
    return null;
  }
  const setup: WorkerSetup = {
    problems,
    fatal: null,
    rules: engine.rules,
    expiredWaivers: engine.contract ? expiredWaiverFindings(engine.contract, engine.today(), config.cwd) : [],
  };
  reply({ type: 'ready', setup });
  if (problems.length === 0) return new FileScanner(engine, config);
  stopped = problems.join('; ');
  return null;
}

/** Runs this thread as a scan worker: builds the engine, then answers scan requests until ended. */
export function runScanWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('rlens: the scan worker runs only as a worker thread of rlens scan');
  const scanner = start(workerData as WorkerConfig);
  let failed = false;
  // Requests are handled one after the other, in order, once the engine is ready.
  let queue: Promise<void> = scanner.then(
    () => undefined,
    (error: unknown) => {
      failed = true;
      reply({ type: 'failed', file: null, message: describe(error) });
    },
  );

  port.on('message', (request: ScanRequest) => {
    queue = queue.then(async () => {
      if (failed) return;
      const ready = await scanner;
      if (!ready) {
        failed = true;
        reply({ type: 'failed', file: null, message: stopped ?? '' });
        return;
      }
      for (const { index, file } of request.files) {
        try {
          reply({ type: 'result', index, result: ready.scan(file) });
        } catch (error) {
          failed = true;
          reply({ type: 'failed', file, message: describe(error) });
          return;
        }
      }
    });
  });
}
