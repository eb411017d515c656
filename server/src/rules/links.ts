import type { Resource, Setting } from '../model/types';

/**
 * Links between resources: whether a setting of one names another. Rules whose evidence lives in another
 * resource (a bucket's policy, logging or encryption resource, a VPC's flow log) use them; a link they cannot
 * follow (a variable, an expression) is `undefined`, and such rules then say nothing rather than guess.
 */

/**
 * Does a reference point at resource `name` of `type`? True when it does, false when it points at another
 * resource of that type (Terraform `type.other.`, ROS a logical id among `siblings`), undefined when it
 * cannot be followed (a variable, a parameter, an expression).
 */
export function refersTo(setting: Setting | undefined, type: string, name: string, isRos: boolean, siblings: ReadonlySet<string>): boolean | undefined {
  if (!setting) return false;
  if (setting.value.kind === 'literal') return false;
  if (setting.value.kind !== 'reference' && setting.value.kind !== 'unknown') return undefined;
  const text = setting.value.text;
  if (isRos) {
    const target = /(?:Ref|GetAtt): ([A-Za-z0-9]+)/.exec(text)?.[1];
    if (target === name) return true;
    return target !== undefined && siblings.has(target) ? false : undefined;
  }
  if (text.includes(`${type}.${name}.`)) return true;
  return text.includes(`${type}.`) ? false : undefined;
}

/** Where another resource may say it configures this one: companion types, the setting that names it. */
export interface CompanionLink {
  /** Resource types that configure the resource from outside, e.g. `alicloud_oss_bucket_versioning`. */
  readonly types: readonly string[];
  /** The companion's setting that names the resource (a reference to it, or its name), e.g. `bucket`. */
  readonly by: string;
  /** The resource's own setting that holds its name, when a companion may name it by that literal. */
  readonly name?: string;
}

/** The resources of a document and its module, indexed once per analysis for companion lookups. */
export class ModuleResources {
  private readonly byType = new Map<string, Resource[]>();
  /** Names of every resource: a ROS reference to one of them can be followed. */
  readonly names = new Set<string>();

  constructor(resources: readonly Resource[]) {
    for (const resource of resources) {
      if (resource.kind !== 'resource') continue;
      this.names.add(resource.name);
      const list = this.byType.get(resource.type);
      if (list) list.push(resource);
      else this.byType.set(resource.type, [resource]);
    }
  }

  ofTypes(types: readonly string[]): Resource[] {
    return types.flatMap((type) => this.byType.get(type) ?? []);
  }
}

/**
 * Whether a companion in the module configures `resource`: true when one names it, undefined when one names
 * something that cannot be followed (it might be this resource), false when none does.
 */
export function configuredByCompanion(resource: Resource, link: CompanionLink, module: ModuleResources, isRos: boolean): boolean | undefined {
  const siblings = module.names;
  const ownName = link.name ? literalAt(resource, link.name) : undefined;
  let unknown = false;
  for (const companion of module.ofTypes(link.types)) {
    const named = companion.settings.find((s) => s.path === link.by);
    const literal = named ? literalOf(named) : undefined;
    if (literal !== undefined) {
      if (ownName !== undefined && literal === ownName) return true;
      continue;
    }
    const refers = refersTo(named, resource.type, resource.name, isRos, siblings);
    if (refers === true) return true;
    if (refers === undefined && named) unknown = true;
  }
  return unknown ? undefined : false;
}

function literalAt(resource: Resource, path: string): string | undefined {
  const setting = resource.settings.find((s) => s.path === path);
  return setting ? literalOf(setting) : undefined;
}

function literalOf(setting: Setting): string | undefined {
  if (setting.value.kind === 'literal' && setting.value.value !== null) return String(setting.value.value);
  return setting.resolved && setting.resolved.value !== null ? String(setting.resolved.value) : undefined;
}
