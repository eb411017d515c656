import * as fs from 'fs';
import * as path from 'path';
import { sourceKindOf } from '../documents/analyzer';

/** Folders never worth walking into. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.terraform', '.vscode-test', 'dist']);

/** A path that exists (or may) but could not be read: a folder that cannot be listed, a path too long to open. */
export type OnUnreadable = (p: string, code: string) => void;

/**
 * The files to analyse under the given paths, sorted, each once. A missing path is reported, not skipped; so is
 * a path or folder that cannot be read, when `onUnreadable` is given (else it is a missing path).
 */
export function collectFiles(paths: readonly string[], onMissing: (p: string) => void, onUnreadable?: OnUnreadable): string[] {
  const found = new Set<string>();
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      if (code === 'ENOENT' || !onUnreadable) onMissing(given);
      else onUnreadable(given, code);
      continue;
    }
    if (stat.isDirectory()) walk(given, found, onUnreadable);
    else found.add(given);
  }
  return [...found].sort();
}

function walk(dir: string, found: Set<string>, onUnreadable?: OnUnreadable): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    onUnreadable?.(dir, (error as NodeJS.ErrnoException).code ?? 'error');
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, found, onUnreadable);
    } else if (entry.isFile() && sourceKindOf(entry.name)) {
      found.add(full);
    }
  }
}

/** Reads a file as UTF-8 text, dropping a byte-order mark. */
export function readText(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
