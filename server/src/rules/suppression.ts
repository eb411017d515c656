import type { IacDocument } from '../model/types';
import type { CrossReferences, Finding } from './types';
import { maskSecretsIn } from './secrets/displaySafe';

/**
 * Suppression comments. Ours is `rlens:ignore <rule-id> <reason>`; the peers' comments are honoured for rules
 * that cross-reference their ids, so a team moving over keeps its comments (DOMAIN.md §9). A comment on a line
 * with code applies to that line; on a line of its own, to the next line of code — and when that line opens a
 * resource, to the whole resource.
 */
interface Directive {
  /** The line the directive applies to (0-based). */
  readonly target: number;
  /** What it suppresses: our rule ids, or a peer tool's ids, or every rule cross-referencing that tool. */
  readonly matches: (ruleId: string, xref: CrossReferences | undefined) => boolean;
  readonly by: string;
  readonly reason: string;
  /** KICS `disable=` applies to the whole file. */
  readonly wholeFile?: boolean;
}

const COMMENT_START = /(^|\s)(#|\/\/|\/\*)/;

export function applySuppressions(text: string, document: IacDocument, findings: readonly Finding[], xrefOf: (ruleId: string) => CrossReferences | undefined = () => undefined): Finding[] {
  if (!/rlens:ignore|checkov:skip|kics-scan|trivy:ignore|tfsec:ignore|infraguard:ignore/.test(text)) return [...findings];
  const lines = text.split(/\r\n|\r|\n/);
  // A reason is free text from the file and is shown in every report: a key written into it is masked.
  const directives = lines.flatMap((line, index) => parseLine(line, index, lines)).map((d) => ({ ...d, by: maskSecretsIn(d.by), reason: maskSecretsIn(d.reason) }));
  if (directives.length === 0) return [...findings];
  const resourceAt = new Map(document.resources.map((r) => [r.headerRange.start.line, r] as const));
  return findings.map((finding) => {
    const xref = xrefOf(finding.ruleId);
    const directive = directives.find((d) => {
      if (!d.matches(finding.ruleId, xref)) return false;
      if (d.wholeFile || d.target === finding.range.start.line) return true;
      const resource = resourceAt.get(d.target);
      return resource !== undefined && finding.resource === resource;
    });
    return directive ? { ...finding, suppressed: { by: directive.by, reason: directive.reason } } : finding;
  });
}

function parseLine(line: string, index: number, lines: readonly string[]): Directive[] {
  const commentAt = line.search(COMMENT_START);
  if (commentAt < 0) return [];
  const comment = line.slice(commentAt);
  // `/* note */ cidr_ip = …` is a line of code: a closed block comment does not make the rest of the line a comment.
  const hasCode = line.slice(0, commentAt).trim() !== '' || codeAfterBlockComments(line.slice(commentAt));
  const target = hasCode ? index : nextCodeLine(lines, index);
  const directives: Directive[] = [];

  for (const match of comment.matchAll(/rlens:ignore[ =]([a-z0-9-]+)\s*([^*]*)/g)) {
    const id = match[1] ?? '';
    directives.push({ target, matches: (ruleId) => ruleId === id, by: `rlens:ignore ${id}`, reason: (match[2] ?? '').trim() });
  }
  for (const match of comment.matchAll(/checkov:skip=([A-Z0-9_]+)(?::([^*]*))?/g)) {
    const id = match[1] ?? '';
    directives.push({ target, matches: (_, xref) => xref?.checkov.includes(id) === true, by: `checkov:skip=${id}`, reason: (match[2] ?? '').trim() });
  }
  if (/kics-scan\s+ignore-line/.test(comment)) {
    directives.push({ target, matches: (_, xref) => (xref?.kics.length ?? 0) > 0, by: 'kics-scan ignore-line', reason: '' });
  }
  if (/kics-scan\s+ignore-block/.test(comment)) {
    directives.push({ target, matches: (_, xref) => (xref?.kics.length ?? 0) > 0, by: 'kics-scan ignore-block', reason: '' });
  }
  for (const match of comment.matchAll(/kics-scan\s+disable=([0-9a-f-,]+)/g)) {
    const ids = (match[1] ?? '').split(',');
    directives.push({ target, matches: (_, xref) => xref?.kics.some((k) => ids.includes(k)) === true, by: `kics-scan disable=${match[1]}`, reason: '', wholeFile: true });
  }
  for (const match of comment.matchAll(/(trivy|tfsec):ignore:([A-Za-z0-9_-]+)/g)) {
    const id = match[2] ?? '';
    directives.push({ target, matches: (_, xref) => xref?.trivy.includes(id) === true, by: `${match[1]}:ignore:${id}`, reason: '' });
  }
  for (const match of comment.matchAll(/infraguard:ignore=([a-z0-9-]+)(?:\s+reason="([^"]*)")?/g)) {
    const id = match[1] ?? '';
    directives.push({ target, matches: (_, xref) => xref?.infraguard.includes(id) === true, by: `infraguard:ignore=${id}`, reason: match[2] ?? '' });
  }
  return directives;
}

/** The next line after `index` that holds code (not blank, not only a comment); -1 when there is none. */
function nextCodeLine(lines: readonly string[], index: number): number {
  for (let i = index + 1; i < lines.length; i++) {
    const trimmed = (lines[i] ?? '').trim();
    if (trimmed === '' || /^(#|\/\/|\*)/.test(trimmed)) continue;
    if (trimmed.startsWith('/*') && !codeAfterBlockComments(trimmed)) continue;
    return i;
  }
  return -1;
}

/** True when the text, after the block comments it starts with (each closed on this line), holds code. */
function codeAfterBlockComments(text: string): boolean {
  let rest = text.trimStart();
  while (rest.startsWith('/*')) {
    const close = rest.indexOf('*/', 2);
    if (close < 0) return false;
    rest = rest.slice(close + 2).trimStart();
  }
  return rest !== '' && !/^(#|\/\/)/.test(rest);
}
