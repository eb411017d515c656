import * as fs from 'fs';
import * as path from 'path';
import { sourceKindOf } from '../documents/analyzer';

/** Folders never worth walking into. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.terraform', '.vscode-test', 'dist']);

/** The files to analyse under the given paths, sorted, each once. A missing path is reported, not skipped. */
export function collectFiles(paths: readonly string[], onMissing: (p: string) => void): string[] {
  const found = new Set<string>();
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      onMissing(given);
      continue;
    }
    if (stat.isDirectory()) walk(given, found);
    else found.add(given);
  }
  return [...found].sort();
}

function walk(dir: string, found: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, found);
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
