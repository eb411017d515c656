import * as path from 'path';
import { declarationsOf, ModuleView, type Declarations, type ModuleMember } from './moduleLookup';
import type { IacDocument, Resolution, Resource, Setting } from './types';

export type { ModuleMember } from './moduleLookup';

/**
 * Resolves `var.x` and `local.x` in a Terraform document against its module: a variable's value from the
 * auto-loaded variable files (`*.auto.tfvars`, later names winning, then `terraform.tfvars`) or its default;
 * a local's value from its expression, followed through other variables and locals. A value that is not a
 * literal — a resource attribute, a function call — stays unresolved. Cycles and long chains stop.
 */

interface Source {
  readonly settings: readonly Setting[];
  readonly file: string | null;
  readonly origin: string;
}

const MAX_CHAIN = 16;

export function resolveTerraformReferences(document: IacDocument, module: readonly ModuleMember[] | ModuleView): IacDocument {
  // Nothing to look up: no need to look at the module (which may have thousands of files).
  if (!document.resources.some((resource) => resource.settings.some((setting) => setting.value.kind === 'reference' && !setting.resolved))) return document;
  const view = module instanceof ModuleView ? module : ModuleView.of(module);
  const own = declarationsOf(document);
  const self: ModuleMember = { file: null, document };
  /**
   * The declaration of `name` that wins: the last of the module's other files that has one, else this file
   * (this file comes first in the module order, the other files after it; tfvars: this file sorts first too).
   */
  const last = (table: keyof Declarations, name: string): { settings: readonly Setting[]; member: ModuleMember } | undefined => {
    const found = view.last(table, name);
    if (found) return found;
    if (table === 'tfvars' && document.format !== 'terraform-vars') return undefined;
    const settings = own[table].get(name);
    return settings ? { settings, member: self } : undefined;
  };
  const sourceOf = (kind: string, name: string): Source | undefined => {
    if (kind === 'local') {
      const found = last('locals', name);
      return found && { settings: found.settings, file: found.member.file, origin: `locals in ${nameOf(found.member.file)}` };
    }
    const assigned = last('tfvars', name);
    if (assigned) return { settings: assigned.settings, file: assigned.member.file, origin: nameOf(assigned.member.file) };
    const declared = last('variables', name);
    return declared && { settings: declared.settings, file: declared.member.file, origin: `default in ${nameOf(declared.member.file)}` };
  };

  const resolve = (reference: string, seen: Set<string>): Resolution | undefined => {
    const match = /^(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(reference.trim());
    if (!match || seen.has(reference) || seen.size >= MAX_CHAIN) return undefined;
    const source = sourceOf(match[1] ?? '', match[2] ?? '');
    if (!source) return undefined;
    const nextSeen = new Set(seen).add(reference);
    const scalars = source.settings.filter((s) => s.value.kind === 'literal');
    if (scalars.length > 0 && scalars.length === source.settings.filter((s) => s.value.kind !== 'list').length) {
      const values = scalars.map((s) => (s.value.kind === 'literal' ? s.value.value : null));
      const first = scalars[0] as Setting;
      // A list is judged as the comma-separated whitelist it stands for.
      const value = values.length === 1 ? (values[0] ?? null) : values.map(String).join(',');
      return { value, file: source.file, range: first.valueRange, via: `${reference} → ${source.origin}` };
    }
    const single = source.settings.find((s) => s.value.kind === 'reference');
    if (single && single.value.kind === 'reference' && source.settings.length === 1) {
      const inner = resolve(single.value.text, nextSeen);
      return inner ? { ...inner, via: `${reference} → ${inner.via}` } : undefined;
    }
    return undefined;
  };

  let anyResolved = false;
  const resources = document.resources.map((resource): Resource => {
    let resolvedHere = false;
    const settings = resource.settings.map((setting) => {
      if (setting.value.kind !== 'reference' || setting.resolved) return setting;
      const resolution = resolve(setting.value.text, new Set());
      if (!resolution) return setting;
      resolvedHere = true;
      return { ...setting, resolved: resolution };
    });
    anyResolved ||= resolvedHere;
    return resolvedHere ? { ...resource, settings } : resource;
  });
  return anyResolved ? { ...document, resources } : document;
}

function nameOf(file: string | null): string {
  return file === null ? 'this file' : path.basename(file);
}
