import * as assert from 'assert';
import * as os from 'os';
import { baseSeed, envNumber, loadInputs, onlyCase, type Input } from './corpus';
import type { CaseRequest } from './engineWorker';
import { CHEAP_KINDS, LARGE_KINDS, type MutationKind } from './mutations';
import { EnginePool, type CaseOutcome } from './pool';
import { caseSeed } from './prng';
import { failureLine, record, recordKnown } from './tally';
import { KNOWN_ENGINE_BUGS } from './knownBugs';

/**
 * Mutated real inputs against the engine in-process (in worker threads): no exception, a result, ranges in
 * the text, no secret in what is shown, no hang, and the incremental path gives the original back unchanged.
 * FUZZ_SEED changes every case; FUZZ_SCALE multiplies the number of cases; FUZZ_CASE reruns one case.
 */
const inputs = loadInputs();
const SCALE = envNumber('FUZZ_SCALE', 1);
/** Per input and cheap mutation kind. */
const SEEDS_PER_INPUT = Math.round(5 * SCALE);

/** The inputs large cases use: every n-th one, so every syntax and both directories are covered. */
function everyNth(n: number): Input[] {
  const picked = inputs.filter((_, i) => i % n === 0);
  for (const kind of ['terraform', 'terraform-vars', 'yaml', 'json'] as const) {
    if (!picked.some((input) => input.kind === kind)) {
      const first = inputs.find((input) => input.kind === kind);
      if (first) picked.push(first);
    }
  }
  return picked;
}

function plan(kind: MutationKind): CaseRequest[] {
  const only = onlyCase();
  if (only) return only.kind === kind ? [{ id: 0, kind, seed: only.seed, name: only.name }] : [];
  const base = baseSeed();
  const out: CaseRequest[] = [];
  const add = (list: readonly Input[], seeds: number): void => {
    for (const input of list) for (let i = 0; i < seeds; i++) out.push({ id: out.length, kind, seed: caseSeed(base, kind, input.name, i), name: input.name });
  };
  if (kind === 'nest') add(everyNth(3), Math.max(1, Math.round(SCALE)));
  else if (kind === 'long-line') add(everyNth(8), Math.max(1, Math.round(SCALE)));
  else if (kind === 'huge') {
    // One ~20 MB file per syntax, with and without the size limit (the seed's parity decides).
    for (const name of ['examples/terraform/main.tf', 'examples/terraform/terraform.tfvars', 'examples/ros/web-stack.ros.yaml', 'examples/ros/web-stack.ros.json']) {
      out.push({ id: out.length, kind, seed: 2 * (base % 1000), name });
      out.push({ id: out.length, kind, seed: 2 * (base % 1000) + 1, name });
    }
  } else add(inputs, SEEDS_PER_INPUT);
  return out;
}

/** A problem that is only a time bound broken ("… took N ms (bound M ms): a hang", or the worker stopped). */
function isHang(problem: string): boolean {
  return /: a hang( \(worker stopped\))?$/.test(problem);
}

describe('fuzz: the engine on mutated inputs', function () {
  this.timeout(600_000);
  const pool = new EnginePool(envNumber('FUZZ_WORKERS', Math.min(2, os.availableParallelism())));

  after(async () => {
    await pool.stop();
  });

  async function runKind(kind: MutationKind): Promise<void> {
    const cases = plan(kind);
    const failures: string[] = [];
    // A case that broke only the time bound is run once more before it counts as a hang: on a loaded machine
    // (CI beside other jobs) a slow case is not a hang, while a real one (exponential work, a loop) is slow again.
    const slowOnly: CaseRequest[] = [];
    await pool.run(cases, (outcome: CaseOutcome) => {
      const hangsOnly = outcome.problems.length > 0 && outcome.problems.every(isHang);
      if (hangsOnly) {
        slowOnly.push(outcome.request);
        return;
      }
      const ok = outcome.problems.length === 0;
      record('engine', kind, ok && outcome.known.length === 0, outcome.ms);
      recordKnown(outcome.known);
      if (!ok) failures.push(failureLine('engine', kind, outcome.request.seed, outcome.request.name, outcome.variant, outcome.problems));
    });
    if (slowOnly.length > 0) {
      await pool.run(slowOnly, (outcome: CaseOutcome) => {
        const ok = outcome.problems.length === 0;
        record('engine', kind, ok && outcome.known.length === 0, outcome.ms);
        recordKnown(outcome.known);
        if (!ok) failures.push(failureLine('engine', kind, outcome.request.seed, outcome.request.name, outcome.variant, [...outcome.problems, '(also over the bound when run again)']));
      });
    }
    if (failures.length > 0) {
      const shown = failures.slice(0, 20);
      assert.fail(`${failures.length} of ${cases.length} ${kind} cases failed:\n${shown.join('\n')}${failures.length > shown.length ? `\n… and ${failures.length - shown.length} more` : ''}`);
    }
  }

  for (const kind of [...CHEAP_KINDS, ...LARGE_KINDS]) {
    it(`${kind}`, async () => {
      await runKind(kind);
    });
  }

  describe('bugs the fuzzer found (regression cases)', () => {
    for (const bug of KNOWN_ENGINE_BUGS) {
      it(`${bug.id}: ${bug.title} — FUZZ_CASE=${bug.kind}:${bug.seed}:${bug.name}`, async () => {
        const problems: string[] = [];
        let variant = '?';
        await pool.run([{ id: 0, kind: bug.kind, seed: bug.seed, name: bug.name }], (outcome) => {
          problems.push(...outcome.problems, ...outcome.known.map((id) => `known bug ${id}`));
          variant = outcome.variant;
          record('engine', 'known-bug reproductions', problems.length === 0, outcome.ms);
        });
        assert.deepStrictEqual(problems, [], failureLine('engine', bug.kind, bug.seed, bug.name, variant, problems));
      });
    }
  });
});
