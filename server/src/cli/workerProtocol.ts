/**
 * The messages between `rlens scan` and its worker threads (workers.ts ⇄ worker.ts). Everything here is plain
 * data, as postMessage's structured clone requires.
 */
import type { DeploymentMode } from '../matrices/types';
import type { RuleMeta } from '../rules/types';
import type { ReportedFinding } from './report';
import type { FileResult } from './scan';
import type { EngineSetup } from './scanSetup';

/** Given to each worker at start (workerData): how to build and configure its engine, and how to scan. */
export interface WorkerConfig extends EngineSetup {
  readonly mode: DeploymentMode;
  readonly maxLength: number;
  /** `--max-findings-per-file`. */
  readonly maxFindingsPerFile?: number;
  /** The scanned paths' real folders (ScanOptions.roots). */
  readonly roots?: readonly string[];
}

/** Main → worker: scan these files, in this order; `index` is the file's place in the whole scan. */
export interface ScanRequest {
  readonly type: 'scan';
  readonly files: readonly { readonly index: number; readonly file: string }[];
}

/**
 * Worker → main once its engine is configured: what the report needs besides the files' results, so that the
 * main thread needs no engine of its own (loading one would take a core from the workers while they start).
 */
export interface WorkerSetup {
  /** Custom-rule problems, as printable lines; when there are any the scan stops (exit 2). */
  readonly problems: readonly string[];
  /** A one-line message that stops the scan (exit 2): an invalid contract or invalid responsibility data. */
  readonly fatal: string | null;
  /** Every rule that runs, for SARIF's rule table and JUnit. */
  readonly rules: readonly RuleMeta[];
  /** The contract's expired waivers, reported in the contract file. */
  readonly expiredWaivers: readonly ReportedFinding[];
}

/** Worker → main: its setup, one file's result, or the failure that stops the worker (`file` null: its start-up). */
export type WorkerReply =
  | { readonly type: 'ready'; readonly setup: WorkerSetup }
  | { readonly type: 'result'; readonly index: number; readonly result: FileResult }
  | { readonly type: 'failed'; readonly file: string | null; readonly message: string };
