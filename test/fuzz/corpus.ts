import * as fs from 'fs';
import * as path from 'path';
import { filesUnder } from '../helpers/secrets';
import { fileKindOf, type FileKind } from './mutations';

export const ROOT = path.resolve(__dirname, '../..');

/** One real input of the project: an example or a rule fixture. */
export interface Input {
  /** Absolute path. */
  readonly file: string;
  /** Path relative to the repository: what failures print. */
  readonly name: string;
  readonly text: string;
  readonly kind: FileKind;
}

/** Every file under examples/ and test/fixtures/rules/ that the engine reads (.tf, .tfvars, .yaml/.yml, .json). */
export function loadInputs(): Input[] {
  return filesUnder(path.join(ROOT, 'examples'), path.join(ROOT, 'test/fixtures/rules')).map((file) => ({
    file,
    name: path.relative(ROOT, file),
    text: fs.readFileSync(file, 'utf8'),
    kind: fileKindOf(file),
  }));
}

export function languageIdOf(kind: FileKind): string {
  return kind === 'terraform' ? 'terraform' : kind === 'terraform-vars' ? 'terraform-vars' : kind;
}

/** The base seed: FUZZ_SEED, or a fixed one so CI runs are reproducible. */
export function baseSeed(): number {
  const raw = process.env.FUZZ_SEED;
  return raw && /^\d+$/.test(raw) ? Number(raw) >>> 0 : 20240601;
}

/** A positive number from the environment (e.g. FUZZ_SCALE), or the default. */
export function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * FUZZ_CASE="kind:seed:file" runs that one case only (what a failure prints), e.g.
 * FUZZ_CASE="truncate:123456:examples/terraform/main.tf" npm run test:fuzz
 */
export function onlyCase(): { kind: string; seed: number; name: string } | undefined {
  const raw = process.env.FUZZ_CASE;
  const match = raw ? /^([a-z0-9-]+):(\d+):(.+)$/.exec(raw) : null;
  return match ? { kind: match[1] ?? '', seed: Number(match[2]), name: match[3] ?? '' } : undefined;
}

/**
 * An error's class and stack frames, and its message only when it quotes nothing of the input (fixtures hold
 * fake secrets, and failures print no file content).
 */
export function describeError(error: unknown, input: string): string {
  if (!(error instanceof Error)) return `non-Error thrown (${typeof error})`;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 6)
    .map((line) => line.trim().replace(ROOT + path.sep, ''))
    .join(' | ');
  return `${error.name}: ${quotesInput(error.message, input) ? `<message of ${error.message.length} chars withheld: it may quote the input>` : error.message} [${frames}]`;
}

function quotesInput(message: string, input: string): boolean {
  const words = message.match(/[^\s'"`()]{6,}/g) ?? [];
  const quoted = [...message.matchAll(/["'`]([^"'`]{3,})["'`]/g)].map((m) => m[1] ?? '');
  return [...words, ...quoted].some((word) => input.includes(word));
}
