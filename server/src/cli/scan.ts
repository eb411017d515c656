import * as path from 'path';
import type { Engine } from '../engine';
import { findingView } from '../features/findingView';
import { both } from '../i18n/messages';
import type { DeploymentMode } from '../matrices/types';
import { SEVERITIES, type Severity } from '../rules/types';
import { ModuleIndex } from '../documents/moduleIndex';
import { readText } from './files';
import type { ReportedFinding, ScanError, ScanReport } from './report';

export interface ScanOptions {
  readonly mode: DeploymentMode;
  readonly cwd: string;
  readonly version: string;
  /** Called after each file, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly maxLength?: number;
}

/** Scans files into a report: every finding (suppressed ones marked) and every file that could not be read or parsed. */
export function scanFiles(engine: Engine, files: readonly string[], options: ScanOptions): ScanReport {
  const findings: ReportedFinding[] = [];
  const errors: ScanError[] = [];
  const resolver = engine.resolver(options.mode);
  const modules = new ModuleIndex((text, kind) => engine.parseTerraform(text, kind));
  files.forEach((file, index) => {
    const shown = (path.relative(options.cwd, file) || file).split(path.sep).join('/');
    let text: string;
    try {
      text = readText(file);
    } catch (error) {
      errors.push({ file: shown, message: both('scan.unreadable', (error as NodeJS.ErrnoException).code ?? 'error') });
      options.onProgress?.(index + 1, files.length);
      return;
    }
    const analysis = engine.analyse(file, file, text, {
      mode: options.mode,
      module: () => modules.siblings(path.resolve(file)),
      ...(options.maxLength !== undefined ? { maxLength: options.maxLength } : {}),
    });
    engine.forget(file);
    if (analysis.status === 'skipped') {
      if (analysis.reason === 'binary') errors.push({ file: shown, message: both('error.binary', shown) });
      if (analysis.reason === 'too-large') errors.push({ file: shown, message: both('error.tooLarge', shown, Math.round((options.maxLength ?? 0) / 1024)) });
    } else {
      if (analysis.document.problems.length > 0 && !analysis.document.format.startsWith('config')) {
        const first = analysis.document.problems[0]?.range.start;
        errors.push({ file: shown, message: both('scan.syntax', analysis.document.problems.length, (first?.line ?? 0) + 1) });
      }
      const isRos = analysis.kind === 'yaml' || analysis.kind === 'json';
      for (const finding of analysis.findings) {
        const meta = engine.ruleMeta(finding.ruleId);
        const view = findingView(finding, meta, engine.knowledge, resolver, isRos, 'en', finding.severity);
        findings.push({
          ruleId: finding.ruleId,
          severity: finding.severity,
          message: finding.message,
          file: shown,
          range: {
            start: { line: finding.range.start.line + 1, column: finding.range.start.character + 1 },
            end: { line: finding.range.end.line + 1, column: finding.range.end.character + 1 },
          },
          resource: finding.resource ? { type: finding.resource.type, name: finding.resource.name } : null,
          responsibility: {
            id: meta?.item ?? '',
            item: view.row?.item ?? { zh: '', en: '' },
            parties: { provider: view.row?.provider.duty ?? 'no', customer: view.row?.customer.duty ?? 'yes', vendor: view.row?.vendor.duty ?? 'no' },
          },
          ...(finding.secret ? { secret: { masked: finding.secret.masked } } : {}),
          xref: meta?.xref ?? {},
          ...(finding.suppressed ? { suppressed: finding.suppressed } : {}),
        });
      }
    }
    options.onProgress?.(index + 1, files.length);
  });
  return { tool: { name: 'rlens', version: options.version }, findings, errors, rules: engine.rules, files: files.length };
}

/** Exit code 1 when an unsuppressed finding is at or above the threshold. */
export function failsThreshold(report: ScanReport, threshold: Severity): boolean {
  const floor = SEVERITIES.indexOf(threshold);
  return report.findings.some((f) => !f.suppressed && SEVERITIES.indexOf(f.severity) >= floor);
}

/** A one-line progress bar for a terminal, redrawn in place. */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = Math.round((done / Math.max(1, total)) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}
