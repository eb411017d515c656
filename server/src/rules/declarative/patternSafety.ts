/**
 * The built-in rules' regular expressions run on JavaScript's engine, on every value of every file. It
 * backtracks, so a quantified group that contains a quantifier (`(a+)+`, `(\w*)*`) or an alternation whose
 * branches may overlap (`(a|aa){2,}`) can take exponential time on a short input: such a pattern is refused
 * when the rules load, so a mistake in ours is found by the tests, not when an editor freezes. The check is
 * conservative: any quantified group with a quantifier or `|` inside is refused. Custom rules do not need it:
 * they run on RE2 (patterns.ts).
 */

/** Why a pattern is unsafe, or undefined when it has no quantified group containing a quantifier. */
export function unsafePatternReason(source: string): string | undefined {
  // Stack of groups: whether each open group contains a quantifier or an alternation so far.
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') {
      inClass = true;
      continue;
    }
    if (char === '(') {
      groups.push(false);
      continue;
    }
    if (char === '|' && groups.length > 0) {
      groups[groups.length - 1] = true;
      continue;
    }
    if (char === ')') {
      const containsQuantifier = groups.pop() ?? false;
      const quantified = isQuantifier(source, i + 1);
      if (containsQuantifier && quantified) return 'a quantified group contains a quantifier or an alternation (it can backtrack exponentially)';
      // The group as a whole counts as quantified content of its parent.
      if ((containsQuantifier || quantified) && groups.length > 0) groups[groups.length - 1] = true;
      continue;
    }
    if (isQuantifier(source, i) && groups.length > 0) groups[groups.length - 1] = true;
  }
  return undefined;
}

/** `*`, `+`, `?` (not after `(`), or `{n,}` / `{n,m}` with m > 1, at `index`. */
function isQuantifier(source: string, index: number): boolean {
  const char = source[index];
  if (char === '*' || char === '+') return true;
  if (char === '{') return /^\{\d+(,\d*)?\}/.test(source.slice(index)) && !/^\{[01](,[01])?\}/.test(source.slice(index));
  return false;
}
