import type { CodeRule } from '../run';
import { CREDENTIAL_RULES } from './credentials';
import { CROSS_RESOURCE_RULES } from './crossResource';
import { POLICY_RULES } from './policies';

/** Rules written in TypeScript, in the order they run. */
export const BUILTIN_CODE_RULES: readonly CodeRule[] = [...CREDENTIAL_RULES, ...POLICY_RULES, ...CROSS_RESOURCE_RULES];
