import type { CodeRule } from '../run';
import { CREDENTIAL_RULES } from './credentials';
import { POLICY_RULES } from './policies';

/** Rules written in TypeScript, in the order they run. */
export const BUILTIN_CODE_RULES: readonly CodeRule[] = [...CREDENTIAL_RULES, ...POLICY_RULES];
