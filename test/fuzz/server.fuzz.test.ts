import * as assert from 'assert';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/util/lineIndex';
import { applyEdits } from '../helpers/applyEdits';
import { sharedEngine } from '../helpers/engine';
import { leakedIn, rawSecretsIn } from '../helpers/secrets';
import { LspClient } from '../protocol/lspClient';
import { baseSeed, envNumber, languageIdOf, loadInputs, onlyCase, ROOT, type Input } from './corpus';
import { CHEAP_KINDS, mutate, nestPayload, NEST_VARIANTS, SPECIAL, type MutationKind } from './mutations';
import { caseSeed, Rng } from './prng';
import { failureLine, record } from './tally';

/**
 * Mutated inputs through the real server bundle (dist/server.js, built by `npm run build`): didOpen and
 * incremental didChange, then hover, inlay hints, code lens and code actions. Every request must answer within
 * REQUEST_MS, the server must stay alive, a document edited incrementally must get the same hints as the same
 * text opened fresh, and at the end a clean example must still get its hints.
 */
const REQUEST_MS = 10_000;
const inputs = loadInputs();
const SERVER_CASES = Math.round(envNumber('FUZZ_SERVER_CASES', 300));
/** Documents go to a folder that does not exist: no module siblings on disk, so texts alone decide. */
const FOLDER = '/tmp/rlens-fuzz-nonexistent';

function within<T>(promise: Promise<T>, what: string, problems: string[]): Promise<T | undefined> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      problems.push(`${what}: no answer within ${REQUEST_MS} ms`);
      resolve(undefined);
    }, REQUEST_MS);
  });
  return Promise.race([
    promise.then(
      (value) => {
        const ms = performance.now() - started;
        if (ms > REQUEST_MS) problems.push(`${what}: answered after ${Math.round(ms)} ms`);
        return value;
      },
      (error: unknown) => {
        problems.push(`${what}: request failed (${error instanceof Error ? error.name : typeof error})`);
        return undefined;
      },
    ),
    timeout,
  ]).finally(() => clearTimeout(timer));
}

/** An offset not between a CR and its LF (editors never put a position there). */
function safeOffset(text: string, offset: number): number {
  return text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10 ? offset - 1 : offset;
}

function hintsKey(hints: unknown): string {
  return JSON.stringify(hints ?? null);
}

interface ServerCase {
  readonly mode: 'open' | 'edits' | 'large';
  readonly kind: string;
  readonly seed: number;
  readonly input: Input;
}

function plan(): ServerCase[] {
  const only = onlyCase();
  const byName = (name: string): Input | undefined => inputs.find((input) => input.name === name);
  if (only && only.kind.startsWith('server-')) {
    const input = byName(only.name);
    const mode = only.kind.slice('server-'.length);
    return input && (mode === 'open' || mode === 'edits' || mode === 'large') ? [{ mode, kind: only.kind, seed: only.seed, input }] : [];
  }
  if (only) return [];
  const base = baseSeed();
  const cases: ServerCase[] = [];
  for (let i = 0; i < SERVER_CASES; i++) {
    const input = inputs[(i * 7) % inputs.length];
    if (!input) continue;
    const mode = i % 2 === 0 ? 'open' : 'edits';
    cases.push({ mode, kind: `server-${mode}`, seed: caseSeed(base, `server-${mode}`, input.name, i), input });
  }
  // Large inputs: ~20 MB of each syntax and 10,000-level nesting; the server may skip them but must answer.
  for (const name of ['examples/terraform/main.tf', 'examples/terraform/terraform.tfvars', 'examples/ros/web-stack.ros.yaml', 'examples/ros/web-stack.ros.json']) {
    const input = byName(name);
    if (input) for (let v = 0; v < 4; v++) cases.push({ mode: 'large', kind: 'server-large', seed: caseSeed(base, 'server-large', name, v), input });
  }
  return cases;
}

describe('fuzz: the language server on mutated inputs', function () {
  this.timeout(600_000);
  let client: LspClient;
  let secrets: ReadonlySet<string>;
  const clean = path.join(ROOT, 'examples/terraform/main.tf');
  let cleanHints = '';

  before(async () => {
    secrets = rawSecretsIn(await sharedEngine(), inputs.map((input) => input.file));
    client = await LspClient.start({ language: 'en' });
    const text = inputs.find((input) => input.file === clean)?.text ?? '';
    await client.open(`file://${clean}`, 'terraform', text);
    cleanHints = hintsKey(await client.inlayHints(`file://${clean}`));
    assert.ok(cleanHints.length > 100, 'the clean example has hints before fuzzing');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: `file://${clean}` } });
  });

  after(async () => {
    await client?.stop();
  });

  async function requests(uri: string, text: string, version: number, rng: Rng, problems: string[]): Promise<string> {
    let seen = '';
    const lines = new LineIndex(text);
    const hints = await within(client.inlayHints(uri), 'inlayHint', problems);
    seen += JSON.stringify(hints ?? null);
    seen += JSON.stringify((await within(client.codeLens(uri), 'codeLens', problems)) ?? null);
    for (let i = 0; i < 4; i++) {
      // Positions inside the text mostly, sometimes past its end.
      const position = rng.chance(0.8) ? lines.positionAt(rng.int(text.length + 1)) : { line: rng.int(lines.lineCount + 5), character: rng.int(300) };
      seen += JSON.stringify((await within(client.hover(uri, position), 'hover', problems)) ?? null);
    }
    const diagnostics: Diagnostic[] = (await within(client.diagnosticsFor(uri, version), 'diagnostics', problems)) ?? [];
    seen += JSON.stringify(diagnostics);
    for (const diagnostic of diagnostics.slice(0, 8)) {
      seen += JSON.stringify((await within(client.codeActions(uri, diagnostic.range, [diagnostic]), 'codeAction', problems)) ?? null);
    }
    return seen;
  }

  async function runCase(c: ServerCase, index: number): Promise<{ problems: string[]; variant: string }> {
    const problems: string[] = [];
    const rng = new Rng(c.seed);
    const languageId = languageIdOf(c.input.kind);
    const base = path.basename(c.input.file);
    const uri = `file://${FOLDER}/${index}/a/${base}`;
    let variant = '';
    let seen = '';
    if (c.mode === 'open' || c.mode === 'large') {
      let text: string;
      if (c.mode === 'open') {
        const kind: MutationKind = rng.pick(CHEAP_KINDS);
        const mutation = mutate(kind, c.input.text, rng, c.input.kind);
        text = mutation.text;
        variant = `${kind}/${mutation.variant}`;
      } else {
        const which = rng.int(4);
        const mutation = which === 0 ? mutate('huge', c.input.text, rng, c.input.kind) : which === 1 ? mutate('long-line', c.input.text, rng, c.input.kind) : { text: nestPayload(rng.pick(NEST_VARIANTS)), variant: 'nest' };
        text = mutation.text;
        variant = `${['huge', 'long-line', 'nest', 'nest'][which]}/${mutation.variant}`;
      }
      await client.open(uri, languageId, text);
      seen += await requests(uri, text, 1, rng, problems);
    } else {
      // Incremental range edits, then the same text opened fresh elsewhere: the hints must be the same.
      let text = c.input.text;
      await client.open(uri, languageId, text);
      const edits = rng.between(1, 12);
      variant = `${edits}-range-edits`;
      let version = 1;
      for (let e = 0; e < edits; e++) {
        const lines = new LineIndex(text);
        const start = safeOffset(text, rng.int(text.length + 1));
        const end = safeOffset(text, Math.min(text.length, start + (rng.chance(0.5) ? 0 : rng.int(40))));
        const insertion = rng.chance(0.3) ? '' : rng.chance(0.5) ? rng.pick(SPECIAL).repeat(rng.between(1, 3)) : mutate(rng.pick(['insert', 'lone-surrogates', 'invalid-utf8'] as const), rng.pick(SPECIAL), rng, c.input.kind).text;
        const range: Range = { start: lines.positionAt(start), end: lines.positionAt(Math.max(start, end)) };
        version++;
        await client.change(uri, version, range, insertion);
        text = applyEdits(text, [{ range, newText: insertion }]);
        // Sometimes ask in between, as an editor does while typing.
        if (rng.chance(0.3)) seen += JSON.stringify((await within(client.inlayHints(uri), 'inlayHint (between edits)', problems)) ?? null);
      }
      seen += await requests(uri, text, version, rng, problems);
      const freshUri = `file://${FOLDER}/${index}/b/${base}`;
      await client.open(freshUri, languageId, text);
      const incremental = hintsKey(await within(client.inlayHints(uri), 'inlayHint', problems));
      const fresh = hintsKey(await within(client.inlayHints(freshUri), 'inlayHint (fresh)', problems));
      if (incremental !== fresh) problems.push('inlay hints after incremental edits differ from those of the same text opened fresh');
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
    }
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    if (!client.alive) problems.push('the server died');
    const leaks = leakedIn(seen, secrets);
    if (leaks > 0) problems.push(`${leaks} raw secret(s) of the unmutated inputs in what the server sent`);
    return { problems, variant };
  }

  it(`answers every request within ${REQUEST_MS / 1000} s and stays alive`, async () => {
    const failures: string[] = [];
    const cases = plan();
    for (const [index, c] of cases.entries()) {
      if (!client.alive) {
        failures.push(failureLine('server', c.kind, c.seed, c.input.name, '?', ['not run: the server is dead']));
        record('server', c.mode, false, 0);
        continue;
      }
      const started = performance.now();
      const { problems, variant } = await runCase(c, index);
      record('server', c.mode, problems.length === 0, performance.now() - started);
      if (problems.length > 0) failures.push(failureLine('server', c.kind, c.seed, c.input.name, variant, problems.slice(0, 5)));
    }
    if (failures.length > 0) assert.fail(`${failures.length} of ${cases.length} server cases failed:\n${failures.slice(0, 20).join('\n')}`);
  });

  it('still gives the same hints for a clean example afterwards', async () => {
    assert.ok(client.alive, 'the server is alive');
    const text = inputs.find((input) => input.file === clean)?.text ?? '';
    await client.open(`file://${clean}`, 'terraform', text, 1);
    const problems: string[] = [];
    const hints = hintsKey(await within(client.inlayHints(`file://${clean}`), 'inlayHint', problems));
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(hints, cleanHints);
  });
});
