import * as path from 'path';
import { Worker } from 'worker_threads';
import type { CaseRequest, WorkerMessage } from './engineWorker';
import { HANG_MS, HUGE_HANG_MS } from './engineCase';

export interface CaseOutcome {
  readonly request: CaseRequest;
  readonly problems: readonly string[];
  readonly known: readonly string[];
  readonly variant: string;
  readonly ms: number;
}

const WORKER = path.join(__dirname, 'engineWorker.ts');
/** Past this, a case is stopped by terminating its worker: it is reported as a hang and the run goes on. */
const WATCHDOG_MS = { normal: HANG_MS * 6, huge: HUGE_HANG_MS + 15_000 };
const CHUNK = 50;

/** One worker thread running engine cases, restarted when a case kills it or never finishes. */
class Lane {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;

  private start(): Promise<void> {
    // The worker loads TypeScript through tsx, as mocha does for the tests. Its stack is the size of a main
    // thread's (V8's default, about 1 MB), not a worker's default 4 MB: with 4 MB the fuzz never saw JSON nested
    // 6,000 deep kill a real `rlens scan` (issue 13).
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER)});`, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 2048, stackSizeMb: 1 } });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: WorkerMessage): void => {
        if (message.type !== 'ready') return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return this.ready;
  }

  async run(cases: readonly CaseRequest[], onOutcome: (outcome: CaseOutcome) => void): Promise<void> {
    let rest = [...cases];
    while (rest.length > 0) {
      if (!this.worker) await this.start();
      else await this.ready;
      const worker = this.worker;
      if (!worker) throw new Error('no worker');
      const chunk = rest.slice(0, CHUNK);
      const done = await new Promise<number>((resolve) => {
        let finished = 0;
        let current: CaseRequest | undefined;
        let timer: NodeJS.Timeout | undefined;
        const fail = (why: string): void => {
          cleanup();
          if (current) onOutcome({ request: current, problems: [why], known: [], variant: '?', ms: 0 });
          this.worker = undefined;
          void worker.terminate();
          resolve(finished + (current ? 1 : 0));
        };
        const onMessage = (message: WorkerMessage): void => {
          if (message.type === 'start') {
            current = chunk.find((c) => c.id === message.id);
            clearTimeout(timer);
            // Inputs of about 1 MB (huge files, long lines) may take several per-step bounds in a row.
            const limit = current?.kind === 'huge' || current?.kind === 'long-line' ? WATCHDOG_MS.huge : WATCHDOG_MS.normal;
            timer = setTimeout(() => fail(`no answer after ${limit} ms: a hang (worker stopped)`), limit);
          } else if (message.type === 'result') {
            clearTimeout(timer);
            const request = chunk.find((c) => c.id === message.id);
            if (request) onOutcome({ request, problems: message.problems, known: message.known, variant: message.variant, ms: message.ms });
            current = undefined;
            finished++;
            if (finished === chunk.length) {
              cleanup();
              resolve(finished);
            }
          }
        };
        const onError = (error: Error): void => fail(`the worker died: ${error.name} [${(error.stack ?? '').split('\n').slice(1, 4).map((l) => l.trim()).join(' | ')}]`);
        const onExit = (code: number): void => fail(`the worker exited with code ${code}`);
        const cleanup = (): void => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        worker.postMessage(chunk);
      });
      rest = rest.slice(done);
    }
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

/** Engine cases spread over `lanes` worker threads (the machine's cores). */
export class EnginePool {
  private readonly lanes: Lane[];

  constructor(lanes: number) {
    this.lanes = Array.from({ length: Math.max(1, lanes) }, () => new Lane());
  }

  async run(cases: readonly CaseRequest[], onOutcome: (outcome: CaseOutcome) => void): Promise<void> {
    const shares = this.lanes.map((_, i) => cases.filter((_, j) => j % this.lanes.length === i));
    await Promise.all(this.lanes.map((lane, i) => lane.run(shares[i] ?? [], onOutcome)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.stop()));
  }
}
