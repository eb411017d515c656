/**
 * `--output FILE` and `--create-baseline FILE`: checked before the scan (a folder, a missing parent, one of the
 * files being scanned) so a long scan does not end in a failure it could have foreseen, and written with every
 * failure (permission, read-only or full device) turned into one line and exit code 2 instead of a stack trace.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Language } from '../i18n/language';
import { UsageError } from './args';
import { printable } from './terminal';
import { say, why } from './words';

/** The real path of a file, or null when it does not exist (or cannot be resolved). */
function realPath(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

/**
 * Throws a UsageError when `target` cannot be an output file: it is a folder, its folder does not exist, or it
 * is (through any link) one of `inputs`, which writing would overwrite.
 */
export function checkOutputTarget(target: string, inputs: readonly string[], language: Language): void {
  const shown = printable(target);
  const absolute = path.resolve(target);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new UsageError(say(language, 'outputFailed', shown, why(language, code)));
  }
  if (stat?.isDirectory()) throw new UsageError(say(language, 'outputFailed', shown, why(language, 'EISDIR')));
  if (stat === null) {
    let parent: fs.Stats;
    try {
      parent = fs.statSync(path.dirname(absolute));
    } catch (error) {
      throw new UsageError(say(language, 'outputFailed', shown, why(language, (error as NodeJS.ErrnoException).code)));
    }
    if (!parent.isDirectory()) throw new UsageError(say(language, 'outputFailed', shown, why(language, 'ENOTDIR')));
    return;
  }
  const real = realPath(absolute);
  if (real !== null && inputs.some((input) => realPath(input) === real)) throw new UsageError(say(language, 'outputIsInput', shown));
}

/** Writes a whole file; any failure (EACCES, EROFS, ENOSPC on /dev/full…) is a UsageError of one line. */
export function writeOutputFile(target: string, content: string, language: Language): void {
  try {
    fs.writeFileSync(target, content);
  } catch (error) {
    throw new UsageError(say(language, 'outputFailed', printable(target), why(language, (error as NodeJS.ErrnoException).code)));
  }
}

/** The inputs without the given files (a baseline the scan reads or writes is rlens's own file, not IaC). */
export function withoutFiles(inputs: readonly string[], excluded: readonly (string | undefined)[]): string[] {
  const real = new Set(excluded.flatMap((file) => (file === undefined ? [] : [realPath(file) ?? path.resolve(file)])));
  if (real.size === 0) return [...inputs];
  return inputs.filter((input) => !real.has(realPath(input) ?? path.resolve(input)));
}
