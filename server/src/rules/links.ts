import { EMPTY_VIEW, type ModuleView } from '../model/moduleLookup';
import type { IacDocument, Resource, Setting } from '../model/types';

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

/** Each document's resources by type, made once per document object (a module's files are shared by all of it). */
const typeIndexes = new WeakMap<IacDocument, Map<string, Resource[]>>();

export function resourcesByType(document: IacDocument): ReadonlyMap<string, readonly Resource[]> {
  let index = typeIndexes.get(document);
  if (!index) {
    index = new Map();
    for (const resource of document.resources) {
      if (resource.kind !== 'resource') continue;
      const list = index.get(resource.type);
      if (list) list.push(resource);
      else index.set(resource.type, [resource]);
    }
    typeIndexes.set(document, index);
  }
  return index;
}

/**
 * The resources of a document and its module, for companion lookups. Nothing is gathered per file: a module of
 * 5,000 files would otherwise be walked whole for each of its files. The module's resources are indexed by type
 * once for the whole module (model/moduleLookup), and a lookup costs the resources of the types asked for.
 */
export class ModuleResources {
  private namesValue: Set<string> | undefined;

  constructor(
    private readonly document: IacDocument | undefined,
    private readonly module: ModuleView = EMPTY_VIEW,
  ) {}

  /** Names of every resource: a ROS reference to one of them can be followed. */
  get names(): ReadonlySet<string> {
    if (!this.namesValue) {
      this.namesValue = new Set();
      const documents = this.document ? [this.document, ...this.module.documents] : this.module.documents;
      for (const document of documents) for (const list of resourcesByType(document).values()) for (const resource of list) this.namesValue.add(resource.name);
    }
    return this.namesValue;
  }

  ofTypes(types: readonly string[]): Resource[] {
    const out: Resource[] = [];
    // A loop, not push(...list): a spread of a list of 100,000 resources exhausts the stack.
    for (const type of types) {
      if (this.document) for (const resource of resourcesByType(this.document).get(type) ?? []) out.push(resource);
      this.module.ofType(type, out);
    }
    return out;
  }
}

const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * Whether a companion in the module configures `resource`: true when one names it, undefined when one names
 * something that cannot be followed (it might be this resource), false when none does.
 */
export function configuredByCompanion(resource: Resource, link: CompanionLink, module: ModuleResources, isRos: boolean): boolean | undefined {
  // Only a ROS reference is checked against the names (refersTo); gathering them is the costly part.
  const siblings = isRos ? module.names : NO_NAMES;
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
