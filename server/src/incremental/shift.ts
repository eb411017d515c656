import type { ResourceAnnotations } from '../features/annotations';
import type { Range, Resource, Setting } from '../model/types';
import type { Finding, FixPlan } from '../rules/types';

/**
 * Moves what was computed for an unchanged resource by whole lines, after an edit above it added or removed
 * lines. Copies are memoised so that a finding's `resource` and an annotation's `setting` point at the moved
 * resource and setting, exactly as a fresh analysis would have them.
 */
export class LineShift {
  private readonly resources = new Map<Resource, Resource>();
  private readonly settings = new Map<Setting, Setting>();

  constructor(readonly lineDelta: number) {}

  range(range: Range): Range {
    return {
      start: { line: range.start.line + this.lineDelta, character: range.start.character },
      end: { line: range.end.line + this.lineDelta, character: range.end.character },
    };
  }

  resource(resource: Resource): Resource {
    let moved = this.resources.get(resource);
    if (!moved) {
      moved = { ...resource, range: this.range(resource.range), headerRange: this.range(resource.headerRange), settings: resource.settings.map((s) => this.setting(s)) };
      this.resources.set(resource, moved);
    }
    return moved;
  }

  setting(setting: Setting): Setting {
    let moved = this.settings.get(setting);
    if (!moved) {
      // A resolved value points elsewhere (a variable's default, a tfvars line) and does not move with this line.
      moved = { ...setting, keyRange: this.range(setting.keyRange), valueRange: this.range(setting.valueRange) };
      this.settings.set(setting, moved);
    }
    return moved;
  }

  /** Undefined when the finding points outside its resource (related locations, embedded maps): recompute it. */
  finding(finding: Finding): Finding | undefined {
    if (finding.related || finding.embedded) return undefined;
    const fixes: FixPlan[] = [];
    for (const fix of finding.fixes) {
      if (fix.kind === 'add-setting') fixes.push({ ...fix, resource: this.resource(fix.resource) });
      else fixes.push({ ...fix, range: this.range(fix.range) });
    }
    return { ...finding, range: this.range(finding.range), resource: finding.resource ? this.resource(finding.resource) : null, fixes };
  }

  resourceAnnotations(entry: ResourceAnnotations): ResourceAnnotations {
    const resource = this.resource(entry.resource);
    return { ...entry, resource, annotations: entry.annotations.map((a) => ({ ...a, resource, setting: this.setting(a.setting) })) };
  }
}

/** Which earlier resource a moved one is a copy of, so caches keyed by the earlier one can serve it. */
const origins = new WeakMap<Resource, { readonly origin: Resource; readonly shift: LineShift }>();

/** A copy of `resource` moved by `shift`, remembered as derived from it. */
export function moveResource(resource: Resource, shift: LineShift): Resource {
  const moved = shift.resource(resource);
  origins.set(moved, { origin: resource, shift });
  return moved;
}

export function originOf(resource: Resource): { readonly origin: Resource; readonly shift: LineShift } | undefined {
  return origins.get(resource);
}

/**
 * Forgets where these resources were moved from, once everything derived from them has been computed. A moved
 * resource that stays in use must not keep its origin alive, or each edit that moves lines would keep one more
 * generation of the document's model in memory.
 */
export function settleMoved(resources: readonly Resource[]): void {
  for (const resource of resources) origins.delete(resource);
}
