/**
 * Runs engine cases in a worker thread, so that the main thread can stop a case that never ends (an infinite
 * loop cannot be interrupted from inside) and carry on with a new worker.
 */
import * as path from 'path';
import { parentPort } from 'worker_threads';
import { Engine } from '../../server/src/engine';
import { rawSecretsIn } from '../helpers/secrets';
import { loadInputs, ROOT } from './corpus';
import { runEngineCase, type EngineContext } from './engineCase';
import type { MutationKind } from './mutations';

export interface CaseRequest {
  readonly id: number;
  readonly kind: MutationKind;
  readonly seed: number;
  readonly name: string;
}

export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'start'; readonly id: number }
  | { readonly type: 'result'; readonly id: number; readonly problems: readonly string[]; readonly known: readonly string[]; readonly variant: string; readonly ms: number };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('engineWorker runs in a worker thread');
  const engine = await Engine.create();
  const inputs = loadInputs();
  const byName = new Map(inputs.map((input) => [input.name, input]));
  const secrets = rawSecretsIn(engine, inputs.map((input) => input.file));
  const moduleDir = path.join(ROOT, 'examples/terraform');
  const module = inputs
    .filter((input) => path.dirname(input.file) === moduleDir)
    .map((input) => ({ file: input.file, document: engine.parseTerraform(input.text, input.kind === 'terraform-vars' ? 'terraform-vars' : 'terraform') }));
  const context: EngineContext = { engine, secrets, module, originals: new Map() };
  port.on('message', (cases: readonly CaseRequest[]) => {
    for (const request of cases) {
      port.postMessage({ type: 'start', id: request.id } satisfies WorkerMessage);
      const input = byName.get(request.name);
      const result = input
        ? runEngineCase(context, input, request.kind, request.seed)
        : { problems: [`no input named ${request.name}`], known: [], variant: '?', ms: 0 };
      port.postMessage({ type: 'result', id: request.id, problems: result.problems, known: result.known, variant: result.variant, ms: result.ms } satisfies WorkerMessage);
    }
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}

void main();
