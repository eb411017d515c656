/**
 * The rules of a folder tree's `.gitignore` files, to leave out of the whole-workspace check what git leaves out
 * (build output, vendored modules, generated state). No VS Code import: unit-tested on its own.
 *
 * Supported, as documented for gitignore: blank lines and `#` comments; `\#`, `\!` and `\ ` escapes; `!`
 * negation; a trailing `/` for directories only; a `/` at the start or in the middle anchors the pattern to the
 * `.gitignore`'s folder, otherwise it matches a name at any depth; `*`, `?`, `[…]` within a name and `**` across
 * folders. As in git, a file inside an ignored folder cannot be re-included.
 */

interface Rule {
  /** Folder of the `.gitignore`, relative to the root, '' for the root; always without a trailing slash. */
  readonly base: string;
  readonly negated: boolean;
  readonly directoryOnly: boolean;
  readonly pattern: RegExp;
}

export class GitignoreRules {
  private readonly rules: Rule[] = [];

  /** Adds the lines of the `.gitignore` in folder `base` (relative to the root, '' for the root). */
  add(base: string, text: string): void {
    const folder = base.replace(/^\/+|\/+$/g, '');
    for (const raw of text.split(/\r?\n/)) {
      const rule = parseLine(folder, raw);
      if (rule) this.rules.push(rule);
    }
  }

  /** Whether the file at `relativePath` (from the root, `/`-separated) is ignored. */
  ignores(relativePath: string): boolean {
    const parts = relativePath.split('/').filter(Boolean);
    // A folder that is ignored takes everything below it along.
    for (let depth = 1; depth < parts.length; depth++) {
      if (this.decide(parts.slice(0, depth).join('/'), true)) return true;
    }
    return this.decide(parts.join('/'), false);
  }

  /** The last matching rule decides, as in git. */
  private decide(path: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const rule of this.rules) {
      if (rule.directoryOnly && !isDirectory) continue;
      if (rule.base && !path.startsWith(`${rule.base}/`)) continue;
      const relative = rule.base ? path.slice(rule.base.length + 1) : path;
      if (rule.pattern.test(relative)) ignored = !rule.negated;
    }
    return ignored;
  }
}

function parseLine(base: string, raw: string): Rule | undefined {
  let line = raw.replace(/(?<!\\)\s+$/, '');
  if (!line || line.startsWith('#')) return undefined;
  let negated = false;
  if (line.startsWith('!')) {
    negated = true;
    line = line.slice(1);
  } else if (line.startsWith('\\#') || line.startsWith('\\!')) {
    line = line.slice(1);
  }
  const directoryOnly = line.endsWith('/');
  if (directoryOnly) line = line.slice(0, -1);
  if (!line) return undefined;
  // A slash anywhere but at the end anchors the pattern to the .gitignore's folder.
  const anchored = line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  const body = globToRegExp(line);
  return { base, negated, directoryOnly, pattern: new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`) };
}

function globToRegExp(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const before = i === 0 || glob[i - 1] === '/';
        const after = glob[i + 2] === '/' || i + 2 === glob.length;
        if (before && after) {
          // `**/` any folders (or none), `/**` everything inside.
          if (glob[i + 2] === '/') {
            out += '(?:.*/)?';
            i += 2;
          } else {
            out += '.*';
            i += 1;
          }
          continue;
        }
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) {
        out += '\\[';
        continue;
      }
      const set = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
      out += `[${set}]`;
      i = end;
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegExp(glob[i + 1] ?? '');
      i++;
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
