import { RE2JS } from 're2js';

/**
 * The regular expressions of declarative rules (`matches`, `referenceMatches`), case-insensitive, and the
 * engine that runs them.
 *
 * - `javascript`: V8's backtracking engine, for the built-in rules. They are ours, reviewed and tested, and
 *   refused at load if they could backtrack exponentially (patternSafety.ts).
 * - `re2`: RE2 (the re2js port), for custom rules written in a workspace. RE2 matches in time linear in the
 *   input whatever the pattern, so no custom rule can hang the server or the CLI, not even with patterns a
 *   static check cannot judge (`.*.*.*x` is polynomial in V8). RE2 has no look-around or back-references;
 *   such patterns are refused when the rule is loaded, as Go and KICS refuse them.
 */
export type PatternEngine = 'javascript' | 're2';

export interface Pattern {
  test(text: string): boolean;
}

const compiled = new Map<string, Pattern>();
/** Editing a rules file compiles a new pattern at each keystroke: the cache is emptied rather than left to grow. */
const MAX_COMPILED = 1000;

/** The compiled pattern (kept: rules run on every value); throws an Error naming the problem if it does not compile. */
export function compilePattern(source: string, engine: PatternEngine): Pattern {
  const key = `${engine}\u0000${source}`;
  let pattern = compiled.get(key);
  if (!pattern) {
    pattern = engine === 're2' ? re2Pattern(source) : javascriptPattern(source);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(key, pattern);
  }
  return pattern;
}

function javascriptPattern(source: string): Pattern {
  const expression = new RegExp(source, 'i');
  return { test: (text) => expression.test(text) };
}

function re2Pattern(source: string): Pattern {
  let expression: RE2JS;
  try {
    expression = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    // re2js reports syntax errors as its own exception type; callers expect an Error with a message.
    throw new Error((error as { message?: string }).message ?? String(error));
  }
  return { test: (text) => expression.matcher(text).find() };
}
