/**
 * `rlens scan` for people and for editors' terminals: one line per finding,
 *
 *   path:line:col: severity rule-id [party] message (resource)
 *
 * which terminals and editors turn into a link to the position, sorted by file and position; findings
 * suppressed in the source or accepted in the baseline are dimmed and marked; files that could not be scanned
 * are listed as `path: error: …`; then the counts per severity and per party and the totals.
 * On a terminal, lines are wrapped to its width (continuation lines indented); elsewhere never.
 * Every string from a scanned file is made inert (terminal.ts). ANSI colour only when asked; no colour library.
 */
import { format, pick, type Language } from '../../i18n/language';
import { t } from '../../i18n/messages';
import type { Responsibility } from '../../matrices/resolve';
import type { Text } from '../../matrices/types';
import { SEVERITIES, type Severity } from '../../rules/types';
import type { ScanReport } from '../report';
import { printable, wrap } from '../terminal';
import { say } from '../words';
import { compareFindings, resourceLabel } from './common';
import { partyLabel, partyOf } from './party';

export { displayWidth } from '../terminal';

export interface TextOptions {
  readonly language: Language;
  readonly color: boolean;
  /** Terminal columns to wrap to; 0 or absent: no wrapping (a file, a pipe, a CI log). */
  readonly width?: number;
}

const ESC = '\u001b[';
const STYLE = {
  reset: `${ESC}0m`,
  bold: `${ESC}1m`,
  dim: `${ESC}2m`,
  critical: `${ESC}1;97;41m`, // bold white on red
  high: `${ESC}1;31m`, // bold red
  medium: `${ESC}33m`, // yellow
  low: `${ESC}36m`, // cyan
} as const;

/** The word in a finding line: the value --severity-threshold takes in English, the usual term in Chinese. */
const SEVERITY_WORD: Record<Severity, Text> = {
  critical: { en: 'critical', zh: '严重' },
  high: { en: 'high', zh: '高危' },
  medium: { en: 'medium', zh: '中危' },
  low: { en: 'low', zh: '低危' },
};

const SEVERITY_NAME: Record<Severity, Text> = {
  critical: { en: 'Critical', zh: '严重' },
  high: { en: 'High', zh: '高危' },
  medium: { en: 'Medium', zh: '中危' },
  low: { en: 'Low', zh: '低危' },
};

const PARTIES: readonly Responsibility[] = ['customer', 'shared', 'negotiable', 'vendor', 'provider', 'none'];

const words = {
  suppressed: { en: 'suppressed by {0}: {1}', zh: '已由 {0} 抑制：{1}' },
  inBaseline: { en: 'in baseline', zh: '已在基线中' },
  error: { en: 'error', zh: '错误' },
  note: { en: 'note', zh: '提示' },
  summary: { en: 'Summary:', zh: '汇总：' },
  perSeverity: { en: '  {0}: {1}', zh: '  {0}：{1}' },
  perSeverityMore: { en: '  {0}: {1} ({2})', zh: '  {0}：{1}（{2}）' },
  suppressedCount: { en: '{0} suppressed', zh: '另有 {0} 条已抑制' },
  baselineCount: { en: '{0} in baseline', zh: '{0} 条已在基线中' },
  listSeparator: { en: ', ', zh: '，' },
  byParty: { en: '  By party: {0}', zh: '  按责任方：{0}' },
  partyCount: { en: '{0} {1}', zh: '{0} {1}' },
  totals: {
    en: '{0} finding(s), {1} suppressed, {2} error(s) in {3} file(s) scanned.',
    zh: '共扫描 {3} 个文件：{0} 个问题，{1} 个已抑制，{2} 个错误。',
  },
  totalsBaseline: {
    en: '{0} new finding(s), {4} in baseline, {1} suppressed, {2} error(s) in {3} file(s) scanned.',
    zh: '共扫描 {3} 个文件：{0} 个新问题，{4} 个已在基线中，{1} 个已抑制，{2} 个错误。',
  },
  clean: { en: 'No findings in {0} file(s) scanned.', zh: '已扫描 {0} 个文件，未发现问题。' },
} satisfies Record<string, Text>;

type Paint = (style: keyof typeof STYLE, value: string) => string;

export function formatText(report: ScanReport, options: TextOptions): string {
  const { language, color } = options;
  const width = options.width ?? 0;
  const paint: Paint = (style, value) => (color ? `${STYLE[style]}${value}${STYLE.reset}` : value);
  const lines: string[] = [];
  // Wrapping happens on the plain line, and each piece is painted as a whole: an escape code is never cut.
  const emit = (head: string, rest: string, style: keyof typeof STYLE | null) => {
    for (const piece of wrap(head + rest, width, '    ', head.length)) lines.push(style ? paint(style, piece) : piece);
  };

  for (const finding of [...report.findings].sort(compareFindings)) {
    const head = `${printable(finding.file)}:${finding.range.start.line}:${finding.range.start.column}:`;
    const severity = pick(SEVERITY_WORD[finding.severity], language);
    const party = printable(partyLabel(finding, language));
    // A parameter, variable or tfvars entry has no type: its name alone.
    const resource = finding.resource?.type === '' ? finding.resource.name : resourceLabel(finding.resource);
    let rest = ` ${severity} ${printable(finding.ruleId)} [${party}] ${printable(pick(finding.message, language))}${resource ? ` (${printable(resource)})` : ''}`;
    const quiet = finding.suppressed !== undefined || finding.baseline === 'unchanged';
    if (finding.suppressed) rest += ` [${printable(format(pick(words.suppressed, language), finding.suppressed.by, finding.suppressed.reason))}]`;
    else if (finding.baseline === 'unchanged') rest += ` [${pick(words.inBaseline, language)}]`;
    if (quiet) {
      emit(head, rest, 'dim');
      continue;
    }
    const first = lines.length;
    emit(head, rest, null);
    // Only the severity word of an active finding is painted, on the first line.
    const line = lines[first] ?? '';
    if (color && line.startsWith(`${head} ${severity}`)) lines[first] = `${head} ${paint(finding.severity, severity)}${line.slice(head.length + severity.length + 1)}`;
  }
  for (const truncated of report.truncated ?? []) {
    emit(`${printable(truncated.file)}:`, ` ${pick(words.note, language)}: ${say(language, 'truncated', '', truncated.omitted, truncated.listed)}`, null);
  }
  for (const error of report.errors) {
    emit(`${printable(error.file)}:`, ` ${pick(words.error, language)}: ${printable(pick(error.message, language))}`, null);
  }
  if (report.hidden) emit('', say(language, 'hiddenBelow', report.hidden.count, report.hidden.below), null);
  if (lines.length > 0) lines.push('');
  // Painted summary lines are short (a severity and a count); the others may need wrapping.
  for (const line of summary(report, language, paint)) lines.push(...(line.includes('\u001b') ? [line] : wrap(line, width, '  ')));
  return `${lines.join('\n')}\n`;
}

function summary(report: ScanReport, language: Language, paint: Paint): string[] {
  const active = report.findings.filter((f) => !f.suppressed && f.baseline !== 'unchanged');
  const suppressed = report.findings.filter((f) => f.suppressed).length;
  const baselined = report.findings.filter((f) => !f.suppressed && f.baseline === 'unchanged').length;
  if (report.findings.length === 0 && report.errors.length === 0) return [format(pick(words.clean, language), report.files)];
  const lines = [paint('bold', pick(words.summary, language))];
  for (const severity of [...SEVERITIES].reverse()) {
    const count = active.filter((f) => f.severity === severity).length;
    const quiet = report.findings.filter((f) => f.suppressed && f.severity === severity).length;
    const accepted = report.findings.filter((f) => !f.suppressed && f.baseline === 'unchanged' && f.severity === severity).length;
    const name = pick(SEVERITY_NAME[severity], language);
    const extras = [
      ...(accepted > 0 ? [format(pick(words.baselineCount, language), accepted)] : []),
      ...(quiet > 0 ? [format(pick(words.suppressedCount, language), quiet)] : []),
    ];
    const line = extras.length > 0 ? format(pick(words.perSeverityMore, language), name, count, extras.join(pick(words.listSeparator, language))) : format(pick(words.perSeverity, language), name, count);
    lines.push(count > 0 ? paint(severity, line) : line);
  }
  const parties = PARTIES.map((party) => [party, active.filter((f) => partyOf(f) === party).length] as const).filter(([, count]) => count > 0);
  if (parties.length > 0) {
    lines.push(format(pick(words.byParty, language), parties.map(([party, count]) => format(pick(words.partyCount, language), t(language, `responsibility.${party}`), count)).join(' · ')));
  }
  const compared = report.findings.some((f) => f.baseline !== undefined);
  lines.push(format(pick(compared ? words.totalsBaseline : words.totals, language), active.length, suppressed, report.errors.length, report.files, baselined));
  return lines;
}
