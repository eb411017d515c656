/** Helpers the report formatters share: a stable order and grouping by file. */
import type { ReportedFinding, ScanError, ScanReport } from '../report';

/** File, then start line, then start column, then rule id: the order people read a report in. */
export function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  return (
    compareText(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    compareText(a.ruleId, b.ruleId)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface FileGroup {
  readonly file: string;
  readonly findings: readonly ReportedFinding[];
  readonly errors: readonly ScanError[];
}

/** Every file with findings or errors, sorted by path; findings in position order. */
export function groupByFile(report: ScanReport): FileGroup[] {
  const groups = new Map<string, { file: string; findings: ReportedFinding[]; errors: ScanError[] }>();
  const group = (file: string) => {
    let g = groups.get(file);
    if (!g) groups.set(file, (g = { file, findings: [], errors: [] }));
    return g;
  };
  for (const finding of [...report.findings].sort(compareFindings)) group(finding.file).findings.push(finding);
  for (const error of report.errors) group(error.file).errors.push(error);
  return [...groups.values()].sort((a, b) => compareText(a.file, b.file));
}

export function resourceLabel(resource: ReportedFinding['resource']): string | null {
  return resource ? `${resource.type}.${resource.name}` : null;
}
