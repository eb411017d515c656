import type { DataNode } from '../parsers/dataTree';
import { entryOf } from '../parsers/dataTree';
import { literal } from '../features/quickFixes';
import type { Finding, FixPlan } from '../rules/types';
import { LineIndex } from '../util/lineIndex';
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
      fixes: finding.fixes.flatMap((plan) => {
        const carried = carryFix(plan, this.map);
        return carried ? [carried] : [];
      }),
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

/** A finding on an embedded file, in the template's coordinates; fixes that cannot be written there are dropped. */
export function remapFinding(finding: Finding, map: PositionMap, options: RemapOptions = {}): Finding {
  return new Remapper(map, options).finding(finding);
}

/** Document and findings together: each finding's `resource` is the remapped document's own resource object. */
export function remapEmbedded(document: IacDocument, findings: readonly Finding[], map: PositionMap, options: RemapOptions = {}): { document: IacDocument; findings: Finding[] } {
  const remapper = new Remapper(map, options);
  return { document: remapWith(remapper, document), findings: findings.map((f) => remapper.finding(f)) };
}

// ───────────────────────────── fixes ─────────────────────────────

/**
 * The quick-fix builder renders a plan in the syntax of the file it edits — the template's YAML or JSON, not
 * Terraform. A plan is carried only if that rendering, at the mapped range, is exactly the Terraform text the fix
 * means, escaped for the template. `add-setting` and `extract-secret` build text from the resource's layout and
 * new declarations in the file's own syntax: not carried in this version.
 */
function carryFix(plan: FixPlan, map: PositionMap): FixPlan | undefined {
  switch (plan.kind) {
    case 'set-value': {
      const range = carryValue(plan.range, plan.value, map);
      return range ? { ...plan, range } : undefined;
    }
    case 'placeholder': {
      const range = carryValue(plan.range, plan.placeholder, map);
      return range ? { ...plan, range } : undefined;
    }
    case 'remove-setting':
      // Removing whole lines of a YAML block removes the same Terraform lines; in a JSON string they are one line.
      return map.linePreserving ? { ...plan, range: map.toOuterRange(plan.range) } : undefined;
    case 'add-setting':
    case 'extract-secret':
      return undefined;
  }
}

/**
 * The outer range at which the outer rendering of `value` writes the right Terraform: the value's range itself
 * (numbers, booleans), or the inside of a quoted Terraform string when the outer rendering is the bare text
 * (a plain YAML scalar such as `10.0.0.0/8` written between the existing quotes).
 */
function carryValue(range: Range, value: string | number | boolean, map: PositionMap): Range | undefined {
  const outer = literal(value, map.syntax === 'json-string' ? 'json' : 'yaml');
  const terraform = literal(value, 'terraform');
  if (map.escapeForOuter(terraform) === outer) return map.toOuterRange(range);
  const inside = insideQuotes(range, map.text);
  if (inside && terraform.startsWith('"') && map.escapeForOuter(terraform.slice(1, -1)) === outer) return map.toOuterRange(inside);
  return undefined;
}

/** The range without its quotes, when it covers exactly one quoted string on one line. */
function insideQuotes(range: Range, text: string): Range | undefined {
  if (range.start.line !== range.end.line) return undefined;
  const index = new LineIndex(text);
  const written = text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
  if (written.length < 2 || !written.startsWith('"') || !written.endsWith('"')) return undefined;
  return { start: { ...range.start, character: range.start.character + 1 }, end: { ...range.end, character: range.end.character - 1 } };
}
