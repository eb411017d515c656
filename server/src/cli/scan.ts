import * as path from 'path';
import type { Engine, FileAnalysis } from '../engine';
import { findingView } from '../features/findingView';
import { both } from '../i18n/messages';
import type { DeploymentMode } from '../matrices/types';
import type { RowResolver } from '../matrices/resolve';
import { SEVERITIES, type RuleMeta, type Severity } from '../rules/types';
import { ModuleIndex } from '../documents/moduleIndex';
import { readTextFile, realRoots, type ReadRefusal } from '../util/safeFile';
import type { Text } from '../matrices/types';
import { fingerprintOf } from './baseline';
import { maskSecretsIn } from '../rules/secrets/displaySafe';
import type { ReportedFinding, ScanError, ScanReport, TruncatedFile } from './report';

export interface ScanOptions {
  readonly mode: DeploymentMode;
  readonly cwd: string;
  readonly version: string;
  /** Called after each file, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly maxLength?: number;
  /** At most this many findings of one file are reported (the most severe first); the rest are counted. */
  readonly maxFindingsPerFile?: number;
  /**
   * The scanned paths' real folders (files.ts scanRoots): a file, or a module's other file, is read only when
   * it lies inside them once symlinks are resolved. Undefined: the working directory.
   */
  readonly roots?: readonly string[];
}

/** Enough for any file people write by hand; a generated file of 80,000 resources no longer yields 485 MB of JSON. */
export const DEFAULT_MAX_FINDINGS_PER_FILE = 1000;

/**
 * What one file contributes to a report. Plain data only (no class instance, no engine object), so that a
 * worker thread can post it to the main thread as it is and the report comes out the same either way.
 */
export interface FileResult {
  readonly findings: readonly ReportedFinding[];
  readonly errors: readonly ScanError[];
  /** Set when the file had more findings than the per-file limit. */
  readonly truncated?: TruncatedFile;
}

/**
 * Scans files one at a time with one engine. It keeps one module index for all of them, so the other files of
 * a directory (a Terraform module) are parsed once however many of its files are scanned.
 */
export class FileScanner {
  private readonly resolver: RowResolver;
  private readonly modules: ModuleIndex;

  constructor(
    private readonly engine: Engine,
    private readonly options: Pick<ScanOptions, 'mode' | 'cwd' | 'maxLength' | 'maxFindingsPerFile' | 'roots'>,
  ) {
    this.resolver = engine.resolver(options.mode);
    this.roots = options.roots ?? realRoots([options.cwd]);
    const roots = this.roots;
    this.modules = new ModuleIndex((text, kind) => engine.parseTerraform(text, kind), undefined, { roots: () => roots, maxBytes: () => options.maxLength, stable: true });
  }

  private readonly roots: readonly string[];

  scan(file: string): FileResult {
    const { engine, options } = this;
    // A file name is shown in every format: a key written into it is masked like any other.
    const shown = maskSecretsIn((path.relative(options.cwd, file) || file).split(path.sep).join('/'));
    const read = readTextFile(file, { roots: this.roots, ...(options.maxLength !== undefined ? { maxBytes: options.maxLength } : {}) });
    // A file that cannot be read at all fails the run (exit 2); one refused on purpose (outside, not a regular
    // file, too large) is listed only.
    if (!read.ok) return { findings: [], errors: [{ file: shown, message: refusalMessage(read, shown, options.maxLength), ...(read.reason === 'unreadable' ? { unreadable: true } : {}) }] };
    const text = read.text;
    let analysis: FileAnalysis;
    try {
      analysis = engine.analyse(file, file, text, {
        mode: options.mode,
        module: () => this.modules.module(path.resolve(file)),
        ...(options.maxLength !== undefined ? { maxLength: options.maxLength } : {}),
      });
    } catch (error) {
      // A stack exhausted by one file's structure (the nesting limits should prevent it) ends that file, not the scan.
      if (!(error instanceof RangeError)) throw error;
      return { findings: [], errors: [{ file: shown, message: both('scan.stackExhausted', error.message) }] };
    } finally {
      engine.forget(file);
    }
    if (analysis.status === 'skipped') {
      if (analysis.reason === 'binary') return { findings: [], errors: [{ file: shown, message: both('error.binary', shown) }] };
      if (analysis.reason === 'too-deep') return { findings: [], errors: [{ file: shown, message: both('error.tooDeep', shown) }] };
      if (analysis.reason === 'too-large') return { findings: [], errors: [{ file: shown, message: both('error.tooLarge', shown, Math.round((options.maxLength ?? 0) / 1024)) }] };
      return { findings: [], errors: [] };
    }
    const errors: ScanError[] = [];
    if (analysis.document.problems.length > 0 && !analysis.document.format.startsWith('config')) {
      const first = analysis.document.problems[0]?.range.start;
      errors.push({ file: shown, message: both('scan.syntax', analysis.document.problems.length, (first?.line ?? 0) + 1) });
    }
    const isRos = analysis.kind === 'yaml' || analysis.kind === 'json';
    const { kept, truncated } = capFindings(analysis.findings, options.maxFindingsPerFile ?? DEFAULT_MAX_FINDINGS_PER_FILE, shown);
    const findings = kept.map((finding): ReportedFinding => {
      const meta = engine.ruleMeta(finding.ruleId);
      const view = findingView(finding, meta, engine.knowledge, this.resolver, isRos, 'en', finding.severity, analysis.resources);
      const item = view.row?.item;
      // Every field is copied as a string, number or plain object: the engine's objects stay in this thread.
      return {
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: { zh: finding.message.zh, en: finding.message.en },
        file: shown,
        range: {
          start: { line: finding.range.start.line + 1, column: finding.range.start.character + 1 },
          end: { line: finding.range.end.line + 1, column: finding.range.end.character + 1 },
        },
        resource: finding.resource ? { type: maskSecretsIn(finding.resource.type), name: maskSecretsIn(finding.resource.name) } : null,
        responsibility: {
          id: view.row?.id ?? meta?.item ?? '',
          item: item ? { zh: item.zh, en: item.en } : { zh: '', en: '' },
          parties: { provider: view.row?.provider.duty ?? 'no', customer: view.row?.customer.duty ?? 'yes', vendor: view.row?.vendor.duty ?? 'no' },
          // Who acts on the setting, as the hint on the finding's line says it.
          ...(view.resolution ? { party: view.resolution.party, label: { zh: view.resolution.label.zh, en: view.resolution.label.en } } : {}),
        },
        ...(finding.secret ? { secret: { masked: finding.secret.masked } } : {}),
        xref: plainXref(meta?.xref ?? {}),
        ...(finding.suppressed ? { suppressed: { by: finding.suppressed.by, reason: finding.suppressed.reason } } : {}),
        fingerprint: fingerprintOf(finding, shown, text),
      };
    });
    return { findings, errors, ...(truncated ? { truncated } : {}) };
  }
}

/**
 * The findings of one file, at most `limit` of them: unsuppressed before suppressed, then the most severe, then
 * in file order, so whatever is left out is never what decides the exit code. Returned in file order.
 */
function capFindings<F extends { readonly severity: Severity; readonly suppressed?: unknown; readonly range: { readonly start: { readonly line: number; readonly character: number } } }>(
  findings: readonly F[],
  limit: number,
  file: string,
): { kept: readonly F[]; truncated: TruncatedFile | null } {
  if (findings.length <= limit) return { kept: findings, truncated: null };
  const order = (f: F) => (f.suppressed ? SEVERITIES.length : 0) + (SEVERITIES.length - 1 - SEVERITIES.indexOf(f.severity));
  const chosen = new Set(
    findings
      .map((finding, index) => ({ finding, index }))
      .sort((a, b) => order(a.finding) - order(b.finding) || a.index - b.index)
      .slice(0, limit)
      .map((entry) => entry.index),
  );
  return { kept: findings.filter((_, index) => chosen.has(index)), truncated: { file, listed: limit, omitted: findings.length - limit } };
}

/** Why a file was not read, as a report's error line. */
export function refusalMessage(refusal: { reason: ReadRefusal; code?: string }, shown: string, maxLength: number | undefined): Text {
  switch (refusal.reason) {
    case 'outside':
      return both('scan.outside');
    case 'not-regular':
      return both('scan.notRegular');
    case 'too-large':
      return both('error.tooLarge', shown, Math.round((maxLength ?? 0) / 1024));
    case 'unreadable':
      return both('scan.unreadable', refusal.code ?? 'error');
  }
}

function plainXref(xref: ReportedFinding['xref']): ReportedFinding['xref'] {
  const out: { -readonly [K in keyof ReportedFinding['xref']]: string[] } = {};
  if (xref.checkov) out.checkov = [...xref.checkov];
  if (xref.kics) out.kics = [...xref.kics];
  if (xref.infraguard) out.infraguard = [...xref.infraguard];
  if (xref.trivy) out.trivy = [...xref.trivy];
  return out;
}

/** Scans files into a report: every finding (suppressed ones marked) and every file that could not be read or parsed. */
export function scanFiles(engine: Engine, files: readonly string[], options: ScanOptions): ScanReport {
  const scanner = new FileScanner(engine, options);
  const results = files.map((file, index) => {
    const result = scanner.scan(file);
    options.onProgress?.(index + 1, files.length);
    return result;
  });
  return assembleReport(results, engine.rules, options.version);
}

/**
 * The report of files scanned in order, `results[i]` being the result of the i-th file. Wherever the results
 * were computed (this thread or workers), the same results in the same order give the same report.
 */
export function assembleReport(results: readonly FileResult[], rules: readonly RuleMeta[], version: string): ScanReport {
  return {
    tool: { name: 'rlens', version },
    findings: results.flatMap((result) => result.findings),
    errors: results.flatMap((result) => result.errors),
    rules,
    files: results.length,
    truncated: results.flatMap((result) => (result.truncated ? [result.truncated] : [])),
  };
}

/** Exit code 1 when a finding neither suppressed in the source nor accepted in the baseline is at or above the threshold. */
export function failsThreshold(report: ScanReport, threshold: Severity): boolean {
  const floor = SEVERITIES.indexOf(threshold);
  return report.findings.some((f) => !f.suppressed && f.baseline !== 'unchanged' && SEVERITIES.indexOf(f.severity) >= floor);
}

/** `--min-severity`: the report as displayed, without the findings below `floor`, which it counts in `hidden`. */
export function withMinSeverity(report: ScanReport, floor: Severity): ScanReport {
  const index = SEVERITIES.indexOf(floor);
  if (index <= 0) return report;
  const findings = report.findings.filter((f) => SEVERITIES.indexOf(f.severity) >= index);
  const count = report.findings.length - findings.length;
  return count === 0 ? report : { ...report, findings, hidden: { below: floor, count } };
}

/** A one-line progress bar for a terminal, redrawn in place. */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = Math.round((done / Math.max(1, total)) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}
