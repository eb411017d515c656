/**
 * The messages between `rlens scan` and its worker threads (workers.ts ⇄ worker.ts). Everything here is plain
 * data, as postMessage's structured clone requires.
 */
import type { DeploymentMode } from '../matrices/types';
import type { FileResult } from './scan';
import type { EngineSetup } from './scanSetup';

/** Given to each worker at start (workerData): how to build and configure its engine, and how to scan. */
export interface WorkerConfig extends EngineSetup {
  readonly mode: DeploymentMode;
  readonly maxLength: number;
}

/** Main → worker: scan these files, in this order; `index` is the file's place in the whole scan. */
export interface ScanRequest {
  readonly type: 'scan';
  readonly files: readonly { readonly index: number; readonly file: string }[];
}

/** Worker → main: one file's result, or the failure that stops the worker (`file` null: its start-up). */
export type WorkerReply =
  | { readonly type: 'result'; readonly index: number; readonly result: FileResult }
  | { readonly type: 'failed'; readonly file: string | null; readonly message: string };
