/** A command line split into a command, positional arguments and `--name value` options. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
}

/** Thrown for a command line we cannot act on; the CLI prints it on one line and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The commands `rlens` knows. */
export const COMMANDS = ['scan', 'explain', 'matrix', 'help'] as const;

/** Options that take a value (`--name value` or `--name=value`). */
export const VALUED_OPTIONS: ReadonlySet<string> = new Set([
  '--format',
  '--deployment',
  '--service-model',
  '--lang',
  '--output',
  '--severity-threshold',
  '--max-file-size-kb',
  '--contract',
  '--workers',
  '--baseline',
  '--create-baseline',
  '--min-severity',
  '--max-findings-per-file',
]);

/** Options that take no value. */
export const FLAG_OPTIONS: ReadonlySet<string> = new Set(['--help', '-h', '--version', '--no-color', '--quiet', '--allow-no-files']);

/**
 * `valued` names the options that take a value; the flags are FLAG_OPTIONS; anything else is unknown.
 * `--name=value` and `--name value` are both accepted.
 */
export function parseArgs(argv: readonly string[], valued: ReadonlySet<string>, unknown: (option: string) => string, missing: (option: string) => string): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') || (arg.startsWith('-') && arg.length === 2)) {
      const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      if (valued.has(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined) throw new UsageError(missing(name));
        options.set(name, value);
      } else if (FLAG_OPTIONS.has(name)) {
        flags.add(name);
      } else {
        throw new UsageError(unknown(name));
      }
      continue;
    }
    if (command === undefined) command = arg;
    else positionals.push(arg);
  }
  return { command, positionals, options, flags };
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, badValue: (value: string, allowed: readonly T[]) => string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(badValue(value, allowed));
}
