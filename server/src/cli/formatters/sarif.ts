/**
 * `rlens scan --format sarif`: one SARIF 2.1.0 run, shaped for GitHub code scanning and the SARIF viewers.
 *
 * Language: `message.text`, rule descriptions and notifications are in the chosen language and `run.language`
 * says which. `message.markdown` is left out on purpose: viewers prefer it over `text`, so putting the other
 * language there would switch the language under the reader. Both languages stay machine-readable in the
 * result's `properties.message` ({zh, en}), and every rule's `help` carries both (chosen language first).
 *
 * Positions: the report's lines and columns are already 1-based, columns counted in UTF-16 code units, which is
 * what SARIF means by `columnKind: 'utf16CodeUnits'`; the end column points just past the region, as in SARIF.
 */
import { createHash } from 'crypto';
import { pick, type Language } from '../../i18n/language';
import type { Text } from '../../matrices/types';
import type { RuleMeta, Severity } from '../../rules/types';
import type { ReportedFinding, ScanReport } from '../report';
import { say, sayBoth } from '../words';
import { resourceLabel } from './common';

export interface SarifOptions {
  readonly language: Language;
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** partialFingerprints key; bump the version if what is hashed changes. */
const FINGERPRINT = 'rlens/v1';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning maps these to Critical (≥9.0), High (7.0–8.9), Medium (4.0–6.9) and Low (0.1–3.9). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.0', high: '7.0', medium: '4.0', low: '2.0' };

interface Message {
  readonly text: string;
  readonly markdown?: string;
}
interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}
interface ReportingDescriptor {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: Message;
  readonly fullDescription: Message;
  readonly help: Message;
  readonly defaultConfiguration: { readonly level: Level };
  readonly properties: { readonly tags: readonly string[]; readonly 'security-severity': string; readonly precision: string };
}
interface Result {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: Level;
  readonly message: Message;
  readonly locations: readonly unknown[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly baselineState?: 'new' | 'unchanged';
  readonly suppressions?: readonly unknown[];
  readonly properties: Readonly<Record<string, unknown>>;
}

const words = {
  remediation: { en: 'Remediation', zh: '修复' },
  references: { en: 'References', zh: '参考' },
  colon: { en: ': ', zh: '：' },
  acceptedInBaseline: { en: 'Accepted in the rlens baseline (--baseline).', zh: '已在 rlens 基线中接受（--baseline）。' },
  srcroot: { en: 'The directory rlens scan ran in; result paths are relative to it.', zh: 'rlens scan 运行时所在的目录；结果中的路径相对于它。' },
} satisfies Record<string, Text>;

export function formatSarif(report: ScanReport, options: SarifOptions): string {
  const language = options.language;
  const rules = ruleTable(report);
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results: Result[] = report.findings.map((finding) => toResult(finding, index.get(finding.ruleId) ?? 0, language));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'rlens', version: report.tool.version, rules: rules.map((rule) => toDescriptor(rule, language)) } },
        invocations: [
          {
            // Files that were skipped or had syntax errors are listed and the scan completed; a path that could
            // not be read at all means it did not (the CLI exits 2).
            executionSuccessful: !report.errors.some((error) => error.unreadable),
            toolExecutionNotifications: [
              ...report.errors.map((error) => ({
                level: 'error',
                message: { text: pick(error.message, language) },
                locations: [{ physicalLocation: { artifactLocation: artifactLocation(error.file) } }],
                properties: { message: { zh: error.message.zh, en: error.message.en }, ...(error.unreadable ? { unreadable: true } : {}) },
              })),
              // Findings left out by --max-findings-per-file: the log says how many, so nobody mistakes it for all.
              ...(report.truncated ?? []).map((truncated) => {
                const message = sayBoth('truncated', truncated.file, truncated.omitted, truncated.listed);
                return {
                  level: 'warning',
                  message: { text: pick(message, language) },
                  locations: [{ physicalLocation: { artifactLocation: artifactLocation(truncated.file) } }],
                  properties: { message, listed: truncated.listed, omitted: truncated.omitted },
                };
              }),
              ...(report.hidden
                ? [
                    {
                      level: 'note',
                      message: { text: say(language, 'hiddenBelow', report.hidden.count, report.hidden.below) },
                      properties: { message: sayBoth('hiddenBelow', report.hidden.count, report.hidden.below) },
                    },
                  ]
                : []),
            ],
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { description: { text: pick(words.srcroot, language) } } },
        language: language === 'zh-cn' ? 'zh-CN' : 'en-US',
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The report's rules (first of each id), plus a bare entry for any finding whose rule the report did not list. */
function ruleTable(report: ScanReport): RuleMeta[] {
  const rules = new Map<string, RuleMeta>();
  for (const rule of report.rules) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  for (const finding of report.findings) {
    if (rules.has(finding.ruleId)) continue;
    const text = { zh: finding.ruleId, en: finding.ruleId };
    rules.set(finding.ruleId, {
      id: finding.ruleId,
      family: 'data',
      severity: finding.severity,
      item: finding.responsibility.id,
      title: text,
      message: text,
      rationale: text,
      remediation: text,
      references: [],
      xref: { checkov: [], kics: [], infraguard: [], trivy: [] },
      appliesTo: { terraform: [], ros: [] },
      origin: 'unknown',
    });
  }
  return [...rules.values()];
}

function toDescriptor(rule: RuleMeta, language: Language): ReportingDescriptor {
  const order: readonly Language[] = language === 'zh-cn' ? ['zh-cn', 'en'] : ['en', 'zh-cn'];
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: pick(rule.title, language) },
    fullDescription: { text: pick(rule.rationale, language) },
    help: {
      text: order.map((l) => helpText(rule, l)).join('\n\n---\n\n'),
      markdown: order.map((l) => helpMarkdown(rule, l)).join('\n\n---\n\n'),
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      // GitHub reads security-severity only for rules tagged `security`.
      tags: [...new Set(['security', rule.family, rule.item])],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      // The rules match literal settings, not heuristics; RuleMeta has no per-rule precision yet.
      precision: 'high',
    },
  };
}

function helpText(rule: RuleMeta, language: Language): string {
  const colon = pick(words.colon, language);
  const parts = [pick(rule.title, language), pick(rule.rationale, language), `${pick(words.remediation, language)}${colon}${pick(rule.remediation, language)}`];
  if (rule.references.length > 0) parts.push(`${pick(words.references, language)}${colon.trim()}\n${rule.references.map((r) => `- ${r}`).join('\n')}`);
  return parts.join('\n\n');
}

function helpMarkdown(rule: RuleMeta, language: Language): string {
  const colon = pick(words.colon, language).trim();
  const parts = [`### ${pick(rule.title, language)}`, pick(rule.rationale, language), `**${pick(words.remediation, language)}${colon}** ${pick(rule.remediation, language)}`];
  if (rule.references.length > 0) parts.push(`**${pick(words.references, language)}${colon}**\n\n${rule.references.map((r) => `- <${r}>`).join('\n')}`);
  return parts.join('\n\n');
}

function toResult(finding: ReportedFinding, ruleIndex: number, language: Language): Result {
  const resource = resourceLabel(finding.resource);
  const { start, end } = finding.range;
  const location = {
    physicalLocation: {
      artifactLocation: artifactLocation(finding.file),
      region: { startLine: atLeastOne(start.line), startColumn: atLeastOne(start.column), endLine: atLeastOne(end.line), endColumn: atLeastOne(end.column) },
    },
    ...(finding.resource ? { logicalLocations: [{ name: finding.resource.name, fullyQualifiedName: resource, kind: 'resource' }] } : {}),
  };
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: pick(finding.message, language) },
    locations: [location],
    partialFingerprints: { [FINGERPRINT]: fingerprint(finding) },
    // SARIF §3.27.24: set only when the run was compared with a baseline; `unchanged` = present in both.
    ...(finding.baseline !== undefined ? { baselineState: finding.baseline } : {}),
    ...(finding.suppressed
      ? {
          suppressions: [
            {
              kind: 'inSource',
              // Peer tools' comments (kics-scan ignore-line, trivy:ignore) carry no reason: no justification then.
              ...(finding.suppressed.reason ? { justification: finding.suppressed.reason } : {}),
              properties: { by: finding.suppressed.by },
            },
          ],
        }
      : finding.baseline === 'unchanged'
        ? {
            // A baseline file is a suppression kept outside the source (§3.35.2 kind `external`). `status` is left
            // out: absent, it means the suppression is in effect (accepted), and schema drafts disagree on its name.
            suppressions: [{ kind: 'external', justification: pick(words.acceptedInBaseline, language), properties: { by: 'baseline' } }],
          }
        : {}),
    properties: {
      message: { zh: finding.message.zh, en: finding.message.en },
      severity: finding.severity,
      responsibility: {
        id: finding.responsibility.id,
        item: { zh: finding.responsibility.item.zh, en: finding.responsibility.item.en },
        parties: { ...finding.responsibility.parties },
        ...(finding.responsibility.party ? { party: finding.responsibility.party } : {}),
        ...(finding.responsibility.label ? { label: { zh: finding.responsibility.label.zh, en: finding.responsibility.label.en } } : {}),
      },
      ...(finding.resource ? { resource: { type: finding.resource.type, name: finding.resource.name } } : {}),
      ...(finding.secret ? { secret: { masked: finding.secret.masked } } : {}),
      xref: { ...finding.xref },
    },
  };
}

/**
 * Stable across runs and line moves: rule, file, resource and the English message (which holds at most the
 * masked form of a secret, never the value). Positions are left out so an edit above the finding keeps it.
 */
function fingerprint(finding: ReportedFinding): string {
  const parts = [finding.ruleId, finding.file, resourceLabel(finding.resource) ?? '', finding.message.en];
  return createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex');
}

/** Relative paths resolve against %SRCROOT%; each segment is percent-encoded so the URI reference is valid. */
function artifactLocation(file: string): ArtifactLocation {
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(file)) return { uri: `file:///${file.slice(0, 2)}${encode(file.slice(2))}` };
  if (file.startsWith('/')) return { uri: `file://${encode(file)}` };
  return { uri: encode(file), uriBaseId: SRCROOT };
}

export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function atLeastOne(n: number): number {
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
