import type { FileKind, MutationKind } from './mutations';

/** A case the fuzzer found: kept as a regression test (all fixed; a new one fails until fixed). */
export interface KnownBug {
  readonly id: string;
  readonly title: string;
  readonly kind: MutationKind;
  readonly seed: number;
  readonly name: string;
}

/** What is known of a case, to recognise a known bug among its problems (no text, only facts). */
export interface CaseFacts {
  readonly kind: MutationKind;
  readonly variant: string;
  readonly fileKind: FileKind;
  /** The mutated text has a CR not followed by LF (a line break for LSP, not for tree-sitter). */
  readonly loneCr: boolean;
}

/**
 * Signatures of the known bugs: in the bulk of the fuzz run their cases are counted as failed but reported
 * apart (so that a new bug stands out); the reproductions below fail on their own until the bug is fixed.
 */
export const KNOWN_SIGNATURES: readonly { readonly id: string; readonly matches: (problem: string, facts: CaseFacts) => boolean }[] = [
  {
    // Terraform positions come from tree-sitter, which counts rows at LF only; LSP (and LineIndex) also break
    // lines at a lone CR, so every position after one is on the wrong line.
    id: 'terraform-lone-cr',
    matches: (problem, facts) => facts.loneCr && (facts.fileKind === 'terraform' || facts.fileKind === 'terraform-vars') && /beyond the end of its line|outside the text|starts after it ends/.test(problem),
  },
  {
    // The YAML side counts lines by LF too (error positions, e.g. `\n\r`): ranges land beyond their line.
    id: 'yaml-lone-cr',
    matches: (problem, facts) => facts.loneCr && (facts.fileKind === 'yaml' || facts.fileKind === 'json') && /beyond the end of its line|outside the text|starts after it ends/.test(problem),
  },
  {
    // yamlParser.convert turns a non-scalar key into a string (String(keyNode)): deeply nested flow maps as keys
    // (`{{{{…`) stringify exponentially: seconds, then RangeError "Invalid string length" out of engine.analyse.
    id: 'yaml-collection-key-stringify',
    matches: (problem, facts) => facts.fileKind === 'yaml' && (problem.includes('stringifyKey') || (/a hang/.test(problem) && /brace|json-objects|yaml-flow/.test(facts.variant))),
  },
  {
    // Deep YAML nesting: the yaml library's result depends on how deep the JS stack can go at that moment, so the
    // same text analysed twice gives different ranges.
    // Deep block sequences (`- - - …`) can also overflow the stack inside the yaml parser, out of engine.analyse.
    id: 'yaml-deep-nesting',
    matches: (problem, facts) => facts.fileKind === 'yaml' && facts.kind === 'nest' && (/differs from its fresh analysis/.test(problem) || problem.includes('Maximum call stack size exceeded')),
  },
];

export const KNOWN_ENGINE_BUGS: readonly KnownBug[] = [
  { id: 'terraform-lone-cr', title: 'Terraform ranges are on the wrong line after a lone CR', kind: 'crlf-mix', seed: 4051178452, name: 'examples/terraform/storage.tf' },
  { id: 'yaml-lone-cr', title: 'YAML parse-problem range beyond its line after LF CR', kind: 'crlf-mix', seed: 3050433833, name: 'examples/ros/web-stack.ros.yaml' },
  { id: 'yaml-collection-key-stringify', title: 'YAML `{` x10000: RangeError out of analyse after seconds', kind: 'nest', seed: 248858382, name: 'test/fixtures/rules/kms-key-deletion-protection-disabled/negative.ros.yaml' },
  { id: 'yaml-deep-nesting', title: 'YAML `- ` x10000 inside a template: stack overflow out of analyse', kind: 'nest', seed: 4063287403, name: 'test/fixtures/rules/oss-bucket-versioning-disabled/positive.ros.yaml' },
];
