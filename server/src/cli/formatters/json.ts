/**
 * `rlens scan --format json`: DESIGN.md's Findings JSON, `{ tool, findings, errors }`, pretty-printed; with
 * `truncated` (files whose findings passed --max-findings-per-file) and `hidden` (--min-severity) when they apply.
 * A finding's `fingerprint` is what a baseline knows it by; `baseline` (`new`/`unchanged`) is set with --baseline.
 * Every field is copied explicitly, so nothing the report carries beyond the contract (and never more of a
 * secret than its masked form) reaches the output.
 */
import type { ReportedFinding, ScanError, ScanReport } from '../report';
import { sayBoth } from '../words';

type Xref = ReportedFinding['xref'];

function copyXref(xref: Xref): Xref {
  const out: { checkov?: readonly string[]; kics?: readonly string[]; infraguard?: readonly string[]; trivy?: readonly string[] } = {};
  if (xref.checkov) out.checkov = [...xref.checkov];
  if (xref.kics) out.kics = [...xref.kics];
  if (xref.infraguard) out.infraguard = [...xref.infraguard];
  if (xref.trivy) out.trivy = [...xref.trivy];
  return out;
}

function copyFinding(f: ReportedFinding): ReportedFinding {
  const { provider, customer, vendor } = f.responsibility.parties;
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: { zh: f.message.zh, en: f.message.en },
    file: f.file,
    range: {
      start: { line: f.range.start.line, column: f.range.start.column },
      end: { line: f.range.end.line, column: f.range.end.column },
    },
    resource: f.resource ? { type: f.resource.type, name: f.resource.name } : null,
    responsibility: {
      id: f.responsibility.id,
      item: { zh: f.responsibility.item.zh, en: f.responsibility.item.en },
      parties: { provider, customer, vendor },
      ...(f.responsibility.party ? { party: f.responsibility.party } : {}),
      ...(f.responsibility.label ? { label: { zh: f.responsibility.label.zh, en: f.responsibility.label.en } } : {}),
    },
    ...(f.secret ? { secret: { masked: f.secret.masked } } : {}),
    xref: copyXref(f.xref),
    ...(f.suppressed ? { suppressed: { by: f.suppressed.by, reason: f.suppressed.reason } } : {}),
    ...(f.fingerprint !== undefined ? { fingerprint: f.fingerprint } : {}),
    ...(f.baseline !== undefined ? { baseline: f.baseline } : {}),
  };
}

function copyError(e: ScanError): ScanError {
  return { file: e.file, message: { zh: e.message.zh, en: e.message.en }, ...(e.unreadable ? { unreadable: true } : {}) };
}

export function formatJson(report: ScanReport): string {
  const out = {
    tool: { name: report.tool.name, version: report.tool.version },
    findings: report.findings.map(copyFinding),
    errors: report.errors.map(copyError),
    // Present only when something was left out, so a complete report reads as before.
    ...((report.truncated ?? []).length > 0
      ? { truncated: (report.truncated ?? []).map((t) => ({ file: t.file, listed: t.listed, omitted: t.omitted, message: sayBoth('truncated', t.file, t.omitted, t.listed) })) }
      : {}),
    ...(report.hidden ? { hidden: { below: report.hidden.below, count: report.hidden.count } } : {}),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
