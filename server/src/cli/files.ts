import * as fs from 'fs';
import * as path from 'path';
import { sourceKindOf } from '../documents/analyzer';
import { inspectPath, realRoots } from '../util/safeFile';

/** Folders never worth walking into. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.terraform', '.vscode-test', 'dist']);

/**
 * The folders a scan may read in, symlinks resolved: each path given (a given file's own real path, and its
 * folder, whose other files are its Terraform module). A symlink found under them is followed only when it
 * leads back inside them.
 */
export function scanRoots(paths: readonly string[]): string[] {
  const roots: string[] = [];
  for (const given of paths) {
    const [real] = realRoots([given]);
    if (real === undefined) continue;
    roots.push(real);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(real);
    } catch {
      stat = undefined;
    }
    if (stat && !stat.isDirectory()) roots.push(...realRoots([path.dirname(path.resolve(given))]));
  }
  return roots;
}

/** A path that exists (or may) but could not be read: a folder that cannot be listed, a path too long to open. */
export type OnUnreadable = (p: string, code: string) => void;

/**
 * The files to analyse under the given paths, sorted, each once. A missing path is reported, not skipped; so is
 * a path or folder that cannot be read, when `onUnreadable` is given (else it is a missing path).
 * Every entry named like a source file is listed, whatever it is, so that one the scan will not read (a FIFO, a
 * device, a symlink leading outside the given paths) is reported by the scan rather than dropped in silence:
 * nothing is opened here. Folders are walked when real or when a symlink leads to a folder inside the given
 * paths (see scanRoots); each real folder once, so a symlink loop ends.
 */
export function collectFiles(paths: readonly string[], onMissing: (p: string) => void, onUnreadable?: OnUnreadable): string[] {
  const found = new Set<string>();
  const roots = scanRoots(paths);
  const walked = new Set<string>();
  for (const given of paths) {
    const inspected = inspectPath(given);
    if (!inspected.ok && inspected.reason === 'unreadable') {
      const code = inspected.code ?? 'error';
      if (code === 'ENOENT' || !onUnreadable) onMissing(given);
      else onUnreadable(given, code);
    } else if (inspected.ok && inspected.kind === 'directory') walk(given, inspected.real, roots, walked, found, onUnreadable);
    else found.add(given);
  }
  return [...found].sort();
}

function walk(dir: string, real: string, roots: readonly string[], walked: Set<string>, found: Set<string>, onUnreadable?: OnUnreadable): void {
  if (walked.has(real)) return;
  walked.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    onUnreadable?.(dir, (error as NodeJS.ErrnoException).code ?? 'error');
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
    if (entry.isDirectory()) {
      walk(full, path.join(real, entry.name), roots, walked, found, onUnreadable);
      continue;
    }
    if (entry.isSymbolicLink()) {
      const target = inspectPath(full, roots);
      if (target.ok && target.kind === 'directory') {
        walk(full, target.real, roots, walked, found, onUnreadable);
        continue;
      }
    }
    if (sourceKindOf(entry.name)) found.add(full);
  }
}
