/**
 * A worker thread of `rlens scan --workers N` (bundled as dist/cliWorker.js, next to dist/cli.js). It builds its
 * own engine, configured as the main thread's (custom rules, contract), scans the files it is sent in the order
 * sent, and posts each file's result back. It never exits by itself: the main thread ends it when the scan is
 * over or has failed.
 */
import { parentPort, workerData } from 'worker_threads';
import { Engine } from '../engine';
import { FileScanner } from './scan';
import { configureScanEngine } from './scanSetup';
import type { ScanRequest, WorkerConfig, WorkerReply } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('rlens: worker.ts runs only as a worker thread of rlens scan');

function reply(message: WorkerReply): void {
  port?.postMessage(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function start(config: WorkerConfig): Promise<FileScanner> {
  const engine = await Engine.create();
  // The main thread has already checked the custom rules and the contract with the same call; a problem here
  // means they changed on disk in between.
  const problems = configureScanEngine(engine, config);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return new FileScanner(engine, config);
}

const config = workerData as WorkerConfig;
const scanner = start(config);
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
