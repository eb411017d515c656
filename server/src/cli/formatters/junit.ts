/**
 * `rlens scan --format junit`: JUnit XML as Jenkins and GitLab read it. One <testsuite> per file with findings
 * or errors, one <testcase> per finding (<failure>, or <skipped> when suppressed), one <error> test case per
 * file that could not be scanned; a single passing test case when there are no findings at all.
 */
import { format, pick, type Language } from '../../i18n/language';
import { t, type MessageKey } from '../../i18n/messages';
import type { Text } from '../../matrices/types';
import type { ReportedFinding, ScanError, ScanReport } from '../report';
import { say } from '../words';
import { groupByFile, resourceLabel } from './common';

export interface JunitOptions {
  readonly language: Language;
}

const words = {
  atLine: { en: 'at line {0}', zh: '第 {0} 行' },
  resource: { en: 'Resource', zh: '资源' },
  label: { en: '{0}: {1}', zh: '{0}：{1}' },
  withParties: { en: '{0} ({1})', zh: '{0}（{1}）' },
  responsibility: { en: 'Responsibility', zh: '责任' },
  secret: { en: 'Secret (masked)', zh: '密钥（已遮盖）' },
  scan: { en: 'scan', zh: '扫描' },
  clean: { en: '{0} file(s) scanned, no findings', zh: '已扫描 {0} 个文件，未发现问题' },
  inBaseline: { en: 'accepted in the baseline (--baseline)', zh: '已在基线中接受（--baseline）' },
} satisfies Record<string, Text>;

/** Characters XML 1.0 allows: tab, LF, CR, and the ranges below (so no other C0 control, no lone surrogate). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Characters XML cannot carry are written out as `\u{…}` so the reader still sees that something was there. */
function xmlSafe(value: string): string {
  return value.replace(NOT_XML_CHAR, (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`);
}

export function escapeXmlText(value: string): string {
  return xmlSafe(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also keep their quotes and their line breaks and tabs (which parsers would normalise to spaces). */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

type Attributes = Readonly<Record<string, string | number>>;

function attributeList(attributes: Attributes): string {
  return Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

/** `body` is already escaped; null gives an empty element. */
function element(name: string, attributes: Attributes, body: string | null, indent: string): string {
  const attrs = attributeList(attributes);
  return body === null ? `${indent}<${name}${attrs}/>` : `${indent}<${name}${attrs}>${body}</${name}>`;
}

/** An element whose children are the given lines, each already indented. */
function parent(name: string, attributes: Attributes, children: readonly string[], indent: string): string {
  return `${indent}<${name}${attributeList(attributes)}>\n${children.join('\n')}\n${indent}</${name}>`;
}

function findingCase(finding: ReportedFinding, language: Language): string {
  const { start, end } = finding.range;
  const resource = resourceLabel(finding.resource);
  const name = [finding.ruleId, resource, format(pick(words.atLine, language), start.line)].filter((p) => p !== null).join(' ');
  const attributes = { classname: finding.file, name, file: finding.file, line: start.line };
  const message = pick(finding.message, language);
  let inner: string;
  if (finding.suppressed) {
    inner = element('skipped', { message: finding.suppressed.reason || finding.suppressed.by }, null, '      ');
  } else if (finding.baseline === 'unchanged') {
    inner = element('skipped', { message: pick(words.inBaseline, language) }, null, '      ');
  } else {
    const details = [
      `${finding.severity} ${finding.ruleId}`,
      `${finding.file}:${start.line}:${start.column}-${end.line}:${end.column}`,
      message,
      ...(resource ? [label(words.resource, resource, language)] : []),
      label(words.responsibility, format(pick(words.withParties, language), pick(finding.responsibility.item, language), parties(finding, language)), language),
      ...(finding.secret ? [label(words.secret, finding.secret.masked, language)] : []),
    ];
    inner = element('failure', { message, type: finding.severity }, escapeXmlText(details.join('\n')), '      ');
  }
  return parent('testcase', attributes, [inner], '    ');
}

function label(name: Text, value: string, language: Language): string {
  return format(pick(words.label, language), pick(name, language), value);
}

const DUTIES: Readonly<Record<string, MessageKey>> = { yes: 'duty.yes', no: 'duty.no', negotiable: 'duty.negotiable', supporting: 'duty.supporting' };

/** `Provider: × does not; Customer: ✓ bears it; …` in the project's own words for parties and duties. */
function parties(finding: ReportedFinding, language: Language): string {
  const { provider, customer, vendor } = finding.responsibility.parties;
  const duty = (value: string) => {
    const key = DUTIES[value];
    return key ? t(language, key) : value;
  };
  return [
    format(pick(words.label, language), t(language, 'party.provider'), duty(provider)),
    format(pick(words.label, language), t(language, 'party.customer'), duty(customer)),
    format(pick(words.label, language), t(language, 'party.vendor'), duty(vendor)),
  ].join(language === 'zh-cn' ? '；' : '; ');
}

function errorCase(error: ScanError, language: Language): string {
  const message = pick(error.message, language);
  const inner = element('error', { message, type: 'scan-error' }, escapeXmlText(`${error.file}: ${message}`), '      ');
  const attributes = { classname: error.file, name: `${pick(words.scan, language)} ${error.file}`, file: error.file };
  return parent('testcase', attributes, [inner], '    ');
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

export function formatJunit(report: ScanReport, options: JunitOptions): string {
  const language = options.language;
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites: string[] = [];
  for (const group of groupByFile(report)) {
    const skipped = group.findings.filter((f) => f.suppressed || f.baseline === 'unchanged').length;
    const counts: Counts = {
      tests: group.findings.length + group.errors.length,
      failures: group.findings.length - skipped,
      errors: group.errors.length,
      skipped,
    };
    const cases = [...group.findings.map((f) => findingCase(f, language)), ...group.errors.map((e) => errorCase(e, language))];
    // Findings left out by --max-findings-per-file are said in the file's suite, after its test cases.
    const truncated = (report.truncated ?? []).find((t) => t.file === group.file);
    if (truncated) cases.push(element('system-out', {}, escapeXmlText(say(language, 'truncated', truncated.file, truncated.omitted, truncated.listed)), '    '));
    suites.push(parent('testsuite', { name: group.file, ...counts }, cases, '  '));
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.errors += counts.errors;
    total.skipped += counts.skipped;
  }
  if (report.findings.length === 0) {
    const passing = element('testcase', { classname: 'rlens', name: format(pick(words.clean, language), report.files) }, null, '    ');
    suites.push(parent('testsuite', { name: 'rlens', tests: 1, failures: 0, errors: 0, skipped: 0 }, [passing], '  '));
    total.tests += 1;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${parent('testsuites', { name: 'rlens', ...total }, suites, '')}\n`;
}
