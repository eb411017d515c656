import type { CodeRule } from '../run';

/** Rules written in TypeScript, in the order they run. */
export const BUILTIN_CODE_RULES: readonly CodeRule[] = [];
