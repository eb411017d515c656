import type { Resource } from '../model/types';
import type { Knowledge, ResourceMapping, SettingMapping, Text } from './types';

/** The resource map entry for a modelled resource, or undefined when the type is not mapped. */
export function mappingFor(knowledge: Knowledge, resource: Resource, isRos: boolean): ResourceMapping | undefined {
  const maps = knowledge.resources;
  if (isRos) {
    if (resource.kind === 'resource') return maps.ros.get(resource.type);
    if (resource.kind === 'parameter') return maps.rosParameters.find((p) => p.namePattern.test(resource.name))?.mapping;
    return undefined;
  }
  switch (resource.kind) {
    case 'resource':
      return maps.terraform.get(resource.type);
    case 'provider':
      return maps.terraform.get(`provider:${resource.type}`);
    case 'backend':
      return maps.terraform.get(`backend:${resource.type}`);
    case 'variable':
    case 'output':
    case 'tfvars': {
      const kind = resource.kind;
      return maps.terraformNamed.find((entry) => entry.kinds.includes(kind) && entry.namePattern.test(resource.name))?.mapping;
    }
    default:
      return undefined;
  }
}

/** Index of a mapping's settings by path, built once per mapping. */
const settingIndex = new WeakMap<ResourceMapping, Map<string, SettingMapping>>();

export function settingMappingFor(mapping: ResourceMapping, path: string): SettingMapping | undefined {
  let index = settingIndex.get(mapping);
  if (!index) {
    index = new Map(mapping.settings.map((s) => [s.path, s]));
    settingIndex.set(mapping, index);
  }
  return index.get(path);
}

/** The items a setting maps to for a value: the first `byValue` case whose pattern matches a literal, or the default. */
export function itemsForValue(setting: SettingMapping, literal: string | undefined): { items: readonly string[]; label: Text | null } {
  if (literal !== undefined) {
    for (const candidate of setting.byValue) {
      if (candidate.pattern.test(literal)) return { items: candidate.items, label: candidate.label };
    }
  }
  return { items: setting.items, label: null };
}
