import type { Resource, Setting } from '../model/types';
import { itemsForValue, mappingFor, settingMappingFor } from '../matrices/lookup';
import type { Responsibility, RowResolver } from '../matrices/resolve';
import { literalsOf, resolveSetting, siblingLiteral, type SettingResolution } from '../matrices/settingResolve';
import type { ActingTable, Knowledge, MatrixRow, ResourceMapping, ServiceModel, Text } from '../matrices/types';

/** One mapped setting: where it is, which items it concerns, and who answers for them. */
export interface Annotation {
  readonly resource: Resource;
  /** The setting as written; for a list, the attribute itself (its elements share the key). */
  readonly setting: Setting;
  readonly serviceModel: ServiceModel;
  readonly product: Text;
  /** The rows of the items, primary first, with the deployment mode applied. */
  readonly rows: readonly MatrixRow[];
  /** Who must act on the setting (the resolver's party). */
  readonly responsibility: Responsibility;
  /** Party, label, item rows, reason and verdict of the setting: what every output shows. */
  readonly resolution: SettingResolution;
  /** Why a value-dependent mapping picked these items (e.g. "public image"). */
  readonly valueLabel: Text | null;
}

export interface ResourceAnnotations {
  readonly resource: Resource;
  readonly mapping: ResourceMapping;
  readonly annotations: readonly Annotation[];
}

/** The annotations of one resource; null when its type is not mapped. */
export function annotateMapped(resource: Resource, knowledge: Knowledge, resolver: RowResolver, isRos: boolean): ResourceAnnotations | null {
  const mapping = mappingFor(knowledge, resource, isRos);
  return mapping ? { resource, mapping, annotations: annotateResource(resource, mapping, resolver, knowledge.acting) } : null;
}

export function annotateResource(resource: Resource, mapping: ResourceMapping, resolver: RowResolver, acting: ActingTable): Annotation[] {
  // Elements of a list share their attribute's key: one annotation per key, judged on the first literal element.
  const groups = new Map<string, Setting[]>();
  for (const setting of resource.settings) {
    const groupKey = `${setting.path}@${setting.keyRange.start.line}:${setting.keyRange.start.character}`;
    const group = groups.get(groupKey);
    if (group) group.push(setting);
    else groups.set(groupKey, [setting]);
  }
  const annotations: Annotation[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const settingMapping = settingMappingFor(mapping, first.path);
    if (!settingMapping) continue;
    const literal = group.find((s) => s.value.kind === 'literal' && typeof s.value.value === 'string')?.value;
    const { items, label } = itemsForValue(settingMapping, literal?.kind === 'literal' ? String(literal.value) : undefined);
    const resolution = resolveSetting(
      {
        serviceModel: mapping.serviceModel,
        items,
        path: first.path,
        override: settingMapping.acting ?? null,
        literals: literalsOf(group),
        sibling: (path) => siblingLiteral(resource.settings, first, path),
        resourceType: resource.type,
      },
      acting,
      resolver,
    );
    if (!resolution) continue;
    annotations.push({
      resource,
      setting: first,
      serviceModel: mapping.serviceModel,
      product: mapping.product,
      rows: resolution.rows as MatrixRow[],
      responsibility: resolution.party,
      resolution,
      valueLabel: label,
    });
  }
  return annotations;
}
