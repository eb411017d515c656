import type { DataNode } from '../parsers/dataTree';
import { entryOf } from '../parsers/dataTree';
import type { Finding } from '../rules/types';
import { blockScalarMap, jsonStringMap, type PositionMap } from './positionMap';
import type { IacDocument, ParseProblem, Range, Resolution, Resource, Setting } from './types';

/**
 * ROS templates with `Transform: Aliyun::Terraform-v1.x` carry whole Terraform files as strings under
 * `Workspace` (DOMAIN.md §5). They are analysed as Terraform on their own; this module finds them and maps what
 * the analysis reports back into the template, where the user edits them.
 */

/** A Terraform file held by the template, and how its positions map into the template. */
export interface WorkspaceFile {
  /** The key under `Workspace`, e.g. `main.tf` or `modules/vpc/main.tf`. */
  readonly name: string;
  readonly kind: 'terraform' | 'terraform-vars';
  readonly map: PositionMap;
}

/** Options for ranges that point into another embedded file of the same template. */
export interface RemapOptions {
  /** The map of another embedded file, by the name a Resolution or related location gives it. */
  readonly mapOf?: (file: string) => PositionMap | undefined;
}

const TERRAFORM_TRANSFORM = /^Aliyun::Terraform-/;

/**
 * The Terraform files of a template whose `Transform` names `Aliyun::Terraform-…`. Files written in a form we
 * cannot map (plain or quoted YAML scalars, folded blocks, non-strings) are left out, and so are other names.
 */
export function workspaceFiles(root: DataNode | null, outerText: string, format: 'yaml' | 'json'): WorkspaceFile[] {
  if (!root || !isTerraformTransform(entryOf(root, 'Transform')?.value)) return [];
  const workspace = entryOf(root, 'Workspace')?.value;
  if (workspace?.kind !== 'map') return [];
  return workspace.entries.flatMap((entry): WorkspaceFile[] => {
    const kind = fileKind(entry.key);
    const map = kind && entry.value ? mapOf(entry.value, outerText, format) : undefined;
    return kind && map ? [{ name: entry.key, kind, map }] : [];
  });
}

/** ROS accepts the transform as a string; a list of them is tolerated. */
function isTerraformTransform(node: DataNode | null | undefined): boolean {
  if (!node) return false;
  if (node.kind === 'scalar') return typeof node.value === 'string' && TERRAFORM_TRANSFORM.test(node.value.trim());
  return node.kind === 'seq' && node.items.some(isTerraformTransform);
}

function fileKind(name: string): WorkspaceFile['kind'] | undefined {
  if (name.endsWith('.tf')) return 'terraform';
  if (name.endsWith('.tfvars')) return 'terraform-vars';
  return undefined;
}

function mapOf(node: DataNode, outerText: string, format: 'yaml' | 'json'): PositionMap | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  if (format === 'yaml') return blockScalarMap(outerText, node);
  const map = jsonStringMap(outerText, node.start, node.end);
  // Our decoding must agree with the JSON parser's, or positions would drift.
  return map?.text === node.value ? map : undefined;
}

// ───────────────────────────── documents ─────────────────────────────

/**
 * Range remapping that remembers each resource it produced, so a finding's resource is the very object of the
 * remapped document (suppression and code lenses compare resources by identity).
 */
class Remapper {
  private readonly resources = new Map<Resource, Resource>();

  constructor(
    private readonly map: PositionMap,
    private readonly options: RemapOptions,
  ) {}

  range(range: Range): Range {
    return this.map.toOuterRange(range);
  }

  resource(resource: Resource): Resource {
    let mapped = this.resources.get(resource);
    if (!mapped) {
      mapped = { ...resource, range: this.range(resource.range), headerRange: this.range(resource.headerRange), settings: resource.settings.map((s) => this.setting(s)) };
      this.resources.set(resource, mapped);
    }
    return mapped;
  }

  setting(setting: Setting): Setting {
    const { resolved, ...rest } = setting;
    const mapped: Setting = { ...rest, keyRange: this.range(setting.keyRange), valueRange: this.range(setting.valueRange) };
    return resolved ? { ...mapped, resolved: this.resolution(resolved) } : mapped;
  }

  resolution(resolution: Resolution): Resolution {
    const located = this.location(resolution.file, resolution.range);
    return { ...resolution, ...located };
  }

  problem(problem: ParseProblem): ParseProblem {
    return { ...problem, range: this.range(problem.range) };
  }

  /**
   * A location in this embedded file, in another embedded file of the template (both become the template
   * itself: file null), or in a real file, left as it is.
   */
  location(file: string | null, range: Range): { file: string | null; range: Range } {
    if (file === null) return { file, range: this.range(range) };
    const other = this.options.mapOf?.(file);
    return other ? { file: null, range: other.toOuterRange(range) } : { file, range };
  }

  finding(finding: Finding): Finding {
    const { related, ...rest } = finding;
    const mapped: Finding = {
      ...rest,
      range: this.range(finding.range),
      resource: finding.resource ? this.resource(finding.resource) : null,
      // Fixes stay in the embedded file's coordinates: they are built there, in Terraform, and mapped out.
      embedded: { map: this.map, innerRange: finding.range },
    };
    return related ? { ...mapped, related: related.map((r) => ({ ...r, ...this.location(r.file, r.range) })) } : mapped;
  }
}

/** The same document with every range (resources, settings, resolutions, problems) in the template's coordinates. */
export function remapDocument(document: IacDocument, map: PositionMap, options: RemapOptions = {}): IacDocument {
  return remapWith(new Remapper(map, options), document);
}

function remapWith(remapper: Remapper, document: IacDocument): IacDocument {
  return { ...document, resources: document.resources.map((r) => remapper.resource(r)), problems: document.problems.map((p) => remapper.problem(p)) };
}

/** A finding on an embedded file, in the template's coordinates; its fixes are mapped when they are built. */
export function remapFinding(finding: Finding, map: PositionMap, options: RemapOptions = {}): Finding {
  return new Remapper(map, options).finding(finding);
}

/** Document and findings together: each finding's `resource` is the remapped document's own resource object. */
export function remapEmbedded(document: IacDocument, findings: readonly Finding[], map: PositionMap, options: RemapOptions = {}): { document: IacDocument; findings: Finding[] } {
  const remapper = new Remapper(map, options);
  return { document: remapWith(remapper, document), findings: findings.map((f) => remapper.finding(f)) };
}
