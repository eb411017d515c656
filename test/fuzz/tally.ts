/** Counts of the whole fuzz run, per suite and mutation kind, printed at the end (see summary.test.ts). */
export interface Tally {
  passed: number;
  failed: number;
  ms: number;
}

/** Cases failed by a known bug (knownBugs.ts), per bug id. */
export const knownFailures = new Map<string, number>();

export function recordKnown(ids: readonly string[]): void {
  for (const id of ids) knownFailures.set(id, (knownFailures.get(id) ?? 0) + 1);
}

export const tallies = new Map<string, Tally>();

export function record(suite: string, kind: string, passed: boolean, ms: number): void {
  const key = `${suite} ${kind}`;
  const tally = tallies.get(key) ?? { passed: 0, failed: 0, ms: 0 };
  if (passed) tally.passed++;
  else tally.failed++;
  tally.ms += ms;
  tallies.set(key, tally);
}

/** A failure line: how to rerun the case, never any of its text. */
export function failureLine(suite: string, kind: string, seed: number, name: string, variant: string, problems: readonly string[]): string {
  return `[${suite}] FUZZ_CASE=${kind}:${seed}:${name} (variant ${variant})\n      ${problems.join('\n      ')}`;
}
