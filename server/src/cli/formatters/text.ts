/**
 * `rlens scan` for people: findings grouped by file, `  line:col  SEVERITY  ruleId  message  (resource)`,
 * suppressed ones dimmed and marked, unreadable files listed, then one summary line per severity.
 * ANSI colour only when asked (the CLI decides from the terminal and NO_COLOR); no colour library.
 */
import { format, pick, type Language } from '../../i18n/language';
import type { Text } from '../../matrices/types';
import { SEVERITIES, type Severity } from '../../rules/types';
import type { ReportedFinding, ScanReport } from '../report';
import { groupByFile, resourceLabel } from './common';

export interface TextOptions {
  readonly language: Language;
  readonly color: boolean;
}

const ESC = '\u001b[';
const STYLE = {
  reset: `${ESC}0m`,
  bold: `${ESC}1m`,
  dim: `${ESC}2m`,
  underline: `${ESC}4m`,
  critical: `${ESC}1;97;41m`, // bold white on red
  high: `${ESC}1;31m`, // bold red
  medium: `${ESC}33m`, // yellow
  low: `${ESC}36m`, // cyan
} as const;

const SEVERITY_WORD: Record<Severity, Text> = {
  critical: { en: 'CRITICAL', zh: '严重' },
  high: { en: 'HIGH', zh: '高危' },
  medium: { en: 'MEDIUM', zh: '中危' },
  low: { en: 'LOW', zh: '低危' },
};

const SEVERITY_NAME: Record<Severity, Text> = {
  critical: { en: 'Critical', zh: '严重' },
  high: { en: 'High', zh: '高危' },
  medium: { en: 'Medium', zh: '中危' },
  low: { en: 'Low', zh: '低危' },
};

const words = {
  suppressed: { en: 'suppressed by {0}: {1}', zh: '已由 {0} 抑制：{1}' },
  errors: { en: 'Files that could not be scanned:', zh: '无法扫描的文件：' },
  summary: { en: 'Summary:', zh: '汇总：' },
  perSeverity: { en: '  {0}: {1}', zh: '  {0}：{1}' },
  perSeveritySuppressed: { en: '  {0}: {1} ({2} suppressed)', zh: '  {0}：{1}（另有 {2} 条已抑制）' },
  totals: {
    en: '{0} finding(s), {1} suppressed, {2} error(s) in {3} file(s) scanned.',
    zh: '共扫描 {3} 个文件：{0} 个问题，{1} 个已抑制，{2} 个错误。',
  },
  clean: { en: 'No findings in {0} file(s) scanned.', zh: '已扫描 {0} 个文件，未发现问题。' },
} satisfies Record<string, Text>;

/** Control characters from a scanned file must not drive the terminal: show them as `\u{…}` instead. */
function printable(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`);
}

/** Terminal columns: East Asian wide and fullwidth characters take two. */
export function displayWidth(value: string): number {
  let width = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function pad(value: string, width: number): string {
  return value + ' '.repeat(Math.max(0, width - displayWidth(value)));
}

export function formatText(report: ScanReport, options: TextOptions): string {
  const { language, color } = options;
  const paint = (style: keyof typeof STYLE, value: string) => (color ? `${STYLE[style]}${value}${STYLE.reset}` : value);
  const severityWidth = Math.max(...SEVERITIES.map((s) => displayWidth(pick(SEVERITY_WORD[s], language))));
  const lines: string[] = [];

  const groups = groupByFile(report).filter((g) => g.findings.length > 0);
  for (const group of groups) {
    lines.push(paint('underline', printable(group.file)));
    const positions = group.findings.map((f) => `${f.range.start.line}:${f.range.start.column}`);
    const positionWidth = Math.max(...positions.map((p) => p.length));
    const ruleWidth = Math.max(...group.findings.map((f) => f.ruleId.length));
    group.findings.forEach((finding, i) => {
      lines.push(findingLine(finding, positions[i] ?? '', positionWidth, severityWidth, ruleWidth, language, paint));
    });
    lines.push('');
  }

  if (report.errors.length > 0) {
    lines.push(paint('bold', pick(words.errors, language)));
    for (const error of report.errors) lines.push(`  ${printable(error.file)}  ${printable(pick(error.message, language))}`);
    lines.push('');
  }

  lines.push(...summary(report, language, paint));
  return `${lines.join('\n')}\n`;
}

type Paint = (style: keyof typeof STYLE, value: string) => string;

function findingLine(
  finding: ReportedFinding,
  position: string,
  positionWidth: number,
  severityWidth: number,
  ruleWidth: number,
  language: Language,
  paint: Paint,
): string {
  const severity = pad(pick(SEVERITY_WORD[finding.severity], language), severityWidth);
  const resource = resourceLabel(finding.resource);
  const parts = [
    position.padStart(positionWidth),
    finding.suppressed ? severity : paint(finding.severity, severity),
    finding.ruleId.padEnd(ruleWidth),
    printable(pick(finding.message, language)),
  ];
  let line = `  ${parts.join('  ')}${resource ? `  (${printable(resource)})` : ''}`;
  if (finding.suppressed) {
    line += `  [${printable(format(pick(words.suppressed, language), finding.suppressed.by, finding.suppressed.reason))}]`;
    line = paint('dim', line);
  }
  return line;
}

function summary(report: ScanReport, language: Language, paint: Paint): string[] {
  const active = report.findings.filter((f) => !f.suppressed);
  const suppressed = report.findings.length - active.length;
  if (report.findings.length === 0 && report.errors.length === 0) return [format(pick(words.clean, language), report.files)];
  const lines = [paint('bold', pick(words.summary, language))];
  for (const severity of [...SEVERITIES].reverse()) {
    const count = active.filter((f) => f.severity === severity).length;
    const quiet = report.findings.filter((f) => f.suppressed && f.severity === severity).length;
    const name = pick(SEVERITY_NAME[severity], language);
    const line = quiet > 0 ? format(pick(words.perSeveritySuppressed, language), name, count, quiet) : format(pick(words.perSeverity, language), name, count);
    lines.push(count > 0 ? paint(severity, line) : line);
  }
  lines.push(format(pick(words.totals, language), active.length, suppressed, report.errors.length, report.files));
  return lines;
}
