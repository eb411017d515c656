/** Timing helpers shared by the benchmarks: wall-clock milliseconds, medians, ratios. */

export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface Sampled {
  /** Median of the measured runs, in ms. */
  readonly ms: number;
  readonly runs: number;
  readonly samples: readonly number[];
}

/** How long `fn` takes, in ms. */
export async function timed(fn: () => unknown): Promise<number> {
  const started = now();
  await fn();
  return now() - started;
}

/**
 * Runs `fn` `warmup` times unmeasured, then `runs` times; `fn` returns the ms it measured (see `timed`), so that
 * set-up and clean-up stay out of the figure. The median is what is reported.
 */
export async function sample(runs: number, warmup: number, fn: (run: number) => number | Promise<number>): Promise<Sampled> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await fn(i));
  return { ms: median(samples), runs, samples };
}

export function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(0)} KB`;
}

export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

/** A ratio as `0.42×`. */
export function times(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}
