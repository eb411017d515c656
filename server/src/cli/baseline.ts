/**
 * Baselines: `rlens scan --create-baseline FILE` records today's findings; `rlens scan --baseline FILE` reports
 * the findings recorded there as accepted (`baseline: 'unchanged'`), which do not count for the exit code, so a
 * team adopting rlens on an existing repository fails only on new findings.
 *
 * A finding is known by its fingerprint: a SHA-256 of its rule, its file, its resource (type and name), the
 * setting it is about (dotted path) and a digest of that setting's value. Positions are not part of it, so
 * lines added or removed elsewhere in the file keep it; changing the value (say, to another open CIDR) makes
 * it a new finding. A secret's digest is the detector's hash of it, and the fingerprint hashes that again: the
 * file holds no value and no secret, only fingerprints, rule ids and the file paths the reports print anyway.
 * Format (docs/baseline.schema.json):
 *
 *   { "version": 1, "tool": { "name": "rlens", "version": "…" },
 *     "findings": [ { "fingerprint": "<64 hex>", "ruleId": "…", "file": "…", "count": 1 } ] }
 *
 * `count` is how many findings share the fingerprint (two identical settings in one resource).
 */
import { createHash } from 'crypto';
import type { Finding } from '../rules/types';
import type { Position, Range, Setting } from '../model/types';
import type { ReportedFinding, ScanReport } from './report';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly file: string;
  readonly count: number;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly tool: { readonly name: 'rlens'; readonly version: string };
  readonly findings: readonly BaselineEntry[];
}

/** Why a file is not a usable baseline; the message names the first problem, in English (a format error). */
export class BaselineFormatError extends Error {}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Largest span of text hashed for a finding that is not about one setting (the text is only hashed, never kept). */
const MAX_HASHED_TEXT = 4096;

/**
 * The fingerprint of an engine finding in `text` (the file's content), reported under the path `file`.
 * Called where the file's text is at hand (scan.ts); the report carries only the result.
 */
export function fingerprintOf(finding: Finding, file: string, text: string): string {
  const setting = finding.resource ? settingAt(finding.resource.settings, (finding.embedded?.innerRange ?? finding.range).start) : null;
  let digest: string;
  if (finding.secret) digest = `secret:${finding.secret.hash}`;
  else if (setting) digest = `value:${sha256(valueText(setting))}`;
  else if (finding.resource) digest = '';
  else digest = `text:${sha256(textOf(text, finding.range).slice(0, MAX_HASHED_TEXT))}`;
  const resource = finding.resource ? [finding.resource.kind, finding.resource.type, finding.resource.name] : ['', '', ''];
  return sha256(JSON.stringify(['rlens-baseline/1', finding.ruleId, file, ...resource, setting?.path ?? '', digest]));
}

/** The fingerprint of a finding the CLI makes itself (an expired contract waiver): rule, file and English message. */
export function fallbackFingerprint(finding: ReportedFinding): string {
  return sha256(JSON.stringify(['rlens-baseline/1', finding.ruleId, finding.file, finding.message.en]));
}

/** A setting's value as written: a literal's value, a reference's text; nothing for a block or list. */
function valueText(setting: Setting): string {
  const value = setting.value;
  if (value.kind === 'literal') return JSON.stringify(value.value);
  if (value.kind === 'reference' || value.kind === 'unknown') return value.text;
  return value.kind;
}

/** The innermost setting whose key or value holds the position. */
function settingAt(settings: readonly Setting[], at: Position): Setting | null {
  let best: Setting | null = null;
  let bestSize = Infinity;
  for (const setting of settings) {
    const span = { start: setting.keyRange.start, end: setting.valueRange.end };
    if (!contains(span, at)) continue;
    const size = (span.end.line - span.start.line) * 1e6 + (span.end.character - span.start.character);
    if (size < bestSize) {
      best = setting;
      bestSize = size;
    }
  }
  return best;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function contains(range: Range, at: Position): boolean {
  return before(range.start, at) && before(at, range.end);
}

function textOf(text: string, range: Range): string {
  const lines = text.split('\n', range.end.line + 1);
  if (range.start.line === range.end.line) return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  const middle = lines.slice(range.start.line + 1, range.end.line);
  return [(lines[range.start.line] ?? '').slice(range.start.character), ...middle, (lines[range.end.line] ?? '').slice(0, range.end.character)].join('\n');
}

/** The baseline of a report: its findings not suppressed in the source, counted per fingerprint, in a stable order. */
export function createBaseline(report: ScanReport): Baseline {
  const entries = new Map<string, { fingerprint: string; ruleId: string; file: string; count: number }>();
  for (const finding of report.findings) {
    if (finding.suppressed) continue;
    const fingerprint = finding.fingerprint ?? fallbackFingerprint(finding);
    const entry = entries.get(fingerprint);
    if (entry) entry.count++;
    else entries.set(fingerprint, { fingerprint, ruleId: finding.ruleId, file: finding.file, count: 1 });
  }
  const findings = [...entries.values()].sort((a, b) => compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint));
  return { version: BASELINE_VERSION, tool: { name: 'rlens', version: report.tool.version }, findings };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Reads a baseline file's text; throws BaselineFormatError naming the first thing wrong. */
export function parseBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineFormatError(`not JSON (${(error as Error).message})`);
  }
  if (!isObject(data)) throw new BaselineFormatError('not a JSON object');
  if (data.version !== BASELINE_VERSION) throw new BaselineFormatError(`"version" is ${JSON.stringify(data.version) ?? 'missing'}`);
  if (!Array.isArray(data.findings)) throw new BaselineFormatError('"findings" is not an array');
  const findings = data.findings.map((entry: unknown, i: number): BaselineEntry => {
    if (!isObject(entry) || typeof entry.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(entry.fingerprint)) {
      throw new BaselineFormatError(`findings[${i}].fingerprint is not 64 hexadecimal digits`);
    }
    const count = entry.count === undefined ? 1 : entry.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new BaselineFormatError(`findings[${i}].count is not a whole number of 1 or more`);
    return { fingerprint: entry.fingerprint, ruleId: typeof entry.ruleId === 'string' ? entry.ruleId : '', file: typeof entry.file === 'string' ? entry.file : '', count };
  });
  const tool = isObject(data.tool) && typeof data.tool.version === 'string' ? data.tool.version : '';
  return { version: BASELINE_VERSION, tool: { name: 'rlens', version: tool }, findings };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Marks each finding `unchanged` when the baseline holds its fingerprint (each baseline entry accepts as many
 * findings as its count) and `new` otherwise. Findings suppressed in the source are marked too, but they never
 * consume a baseline entry. Order is kept.
 */
export function applyBaseline(report: ScanReport, baseline: Baseline): ScanReport {
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) remaining.set(entry.fingerprint, (remaining.get(entry.fingerprint) ?? 0) + entry.count);
  const findings = report.findings.map((finding): ReportedFinding => {
    const fingerprint = finding.fingerprint ?? fallbackFingerprint(finding);
    const left = remaining.get(fingerprint) ?? 0;
    if (!finding.suppressed && left > 0) {
      remaining.set(fingerprint, left - 1);
      return { ...finding, fingerprint, baseline: 'unchanged' };
    }
    return { ...finding, fingerprint, baseline: 'new' };
  });
  return { ...report, findings };
}
