import { pick, type Language } from '../i18n/language';
import { t } from '../i18n/messages';
import { mappingFor } from '../matrices/lookup';
import type { RowResolver } from '../matrices/resolve';
import { resolveSetting, type SettingResolution } from '../matrices/settingResolve';
import type { Knowledge, MatrixRow, ServiceModel } from '../matrices/types';
import type { Finding, RuleMeta, Severity } from '../rules/types';
import type { ResourceAnnotations } from './annotations';

/** A finding as a person reads it, in one language, with the responsibility of the setting it is on. */
export interface FindingView {
  readonly text: string;
  readonly severity: Severity;
  readonly row: MatrixRow | undefined;
  /** The setting's resolution: the same party and label as the hint on the finding's line. */
  readonly resolution: SettingResolution | undefined;
}

/** The service model of the finding's resource, IaaS when the resource is not mapped (provider, parameters). */
export function serviceModelOf(knowledge: Knowledge, finding: Finding, isRos: boolean): ServiceModel {
  return (finding.resource && mappingFor(knowledge, finding.resource, isRos)?.serviceModel) || 'iaas';
}

/**
 * Who acts on what a finding is about. A finding on an annotated setting takes that setting's resolution, so the
 * diagnostic and the hint on its line always name the same party; a finding on a resource (a setting that is
 * missing) resolves the rule's item as a setting of that resource would be.
 */
export function findingResolution(finding: Finding, meta: RuleMeta | undefined, knowledge: Knowledge, resolver: RowResolver, isRos: boolean, annotated: readonly ResourceAnnotations[]): SettingResolution | undefined {
  const at = finding.range.start;
  let best: { annotation: ResourceAnnotations['annotations'][number]; size: number } | undefined;
  for (const entry of resourcesOnLine(annotated, at.line)) {
    for (const annotation of entry.annotations) {
      // The innermost annotated setting whose key-to-value span holds the finding: a finding on a nested value
      // (VersioningConfiguration.Status) belongs to the mapped block it sits in, as the block's hint does.
      const { keyRange, valueRange } = annotation.setting;
      if (before(at, keyRange.start) || before(valueRange.end, at)) continue;
      const size = (valueRange.end.line - keyRange.start.line) * 100_000 + (valueRange.end.character - keyRange.start.character);
      if (!best || size < best.size) best = { annotation, size };
    }
  }
  if (best) return best.annotation.resolution;
  if (!meta) return undefined;
  return resolveSetting({ serviceModel: serviceModelOf(knowledge, finding, isRos), items: [meta.item], path: '', literals: [], ...(finding.resource ? { resourceType: finding.resource.type } : {}) }, knowledge.acting, resolver);
}

/**
 * The annotated resources whose lines hold `line`, in the order of `annotated` (the first of two equally small
 * settings wins). A file of many resources is indexed by line once: a scan over every resource for every finding
 * took seconds on a file of 80,000 resources.
 */
function resourcesOnLine(annotated: readonly ResourceAnnotations[], line: number): readonly ResourceAnnotations[] {
  if (annotated.length <= LINEAR_SCAN_LIMIT) return annotated.filter((entry) => line >= entry.resource.range.start.line && line <= entry.resource.range.end.line);
  let index = lineIndexes.get(annotated);
  if (!index || index.length !== annotated.length) {
    const byLine = new Map<number, ResourceAnnotations[]>();
    for (const entry of annotated) {
      for (let at = entry.resource.range.start.line; at <= entry.resource.range.end.line; at++) {
        const list = byLine.get(at);
        if (list) list.push(entry);
        else byLine.set(at, [entry]);
      }
    }
    index = { length: annotated.length, byLine };
    lineIndexes.set(annotated, index);
  }
  return index.byLine.get(line) ?? [];
}

const LINEAR_SCAN_LIMIT = 64;
const lineIndexes = new WeakMap<readonly ResourceAnnotations[], { readonly length: number; readonly byLine: ReadonlyMap<number, ResourceAnnotations[]> }>();

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** "Ingress open to 0.0.0.0/0 … — Customer sets · cloud offers · Security groups": the problem first, then who acts. */
export function findingView(finding: Finding, meta: RuleMeta | undefined, knowledge: Knowledge, resolver: RowResolver, isRos: boolean, language: Language, severity: Severity, annotated: readonly ResourceAnnotations[] = []): FindingView {
  const resolution = findingResolution(finding, meta, knowledge, resolver, isRos, annotated);
  const row = resolution?.rows[0];
  const message = pick(finding.message, language);
  const text = resolution && row ? t(language, 'finding.withParty', message, pick(resolution.label, language), pick(row.item, language)) : message;
  return { text, severity, row, resolution };
}
