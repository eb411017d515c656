import * as path from 'path';
import type { IacDocument, Resolution, Resource, Setting } from './types';

/**
 * Resolves `var.x` and `local.x` in a Terraform document against its module: a variable's value from the
 * auto-loaded variable files (`*.auto.tfvars`, later names winning, then `terraform.tfvars`) or its default;
 * a local's value from its expression, followed through other variables and locals. A value that is not a
 * literal — a resource attribute, a function call — stays unresolved. Cycles and long chains stop.
 */

/** A file of the module: its path (null for the document being analysed) and model. */
export interface ModuleMember {
  readonly file: string | null;
  readonly document: IacDocument;
}

interface Source {
  readonly settings: readonly Setting[];
  readonly file: string | null;
  readonly origin: string;
}

const MAX_CHAIN = 16;

/** What one file of a module declares, by name; made once per document object and shared by its module. */
interface Declarations {
  readonly tfvars: ReadonlyMap<string, readonly Setting[]>;
  readonly variables: ReadonlyMap<string, readonly Setting[]>;
  readonly locals: ReadonlyMap<string, readonly Setting[]>;
}

const declarationsCache = new WeakMap<IacDocument, Declarations>();

function declarationsOf(document: IacDocument): Declarations {
  let found = declarationsCache.get(document);
  if (found) return found;
  const tfvars = new Map<string, Setting[]>();
  const variables = new Map<string, Setting[]>();
  const locals = new Map<string, Setting[]>();
  for (const resource of document.resources) {
    if (resource.kind === 'tfvars' && document.format === 'terraform-vars') tfvars.set(resource.name, resource.settings.filter((s) => s.path === 'value'));
    if (resource.kind === 'variable') {
      const defaults = resource.settings.filter((s) => s.path === 'default');
      if (defaults.length > 0) variables.set(resource.name, defaults);
    }
    if (resource.kind === 'locals') {
      for (const setting of resource.settings) {
        if (setting.path.includes('.')) continue;
        locals.set(setting.path, resource.settings.filter((s) => s.path === setting.path));
      }
    }
  }
  found = { tfvars, variables, locals };
  declarationsCache.set(document, found);
  return found;
}

export function resolveTerraformReferences(document: IacDocument, members: readonly ModuleMember[]): IacDocument {
  // Nothing to look up: no need to look at the module (which may have thousands of files).
  if (!document.resources.some((resource) => resource.settings.some((setting) => setting.value.kind === 'reference' && !setting.resolved))) return document;
  const all: ModuleMember[] = [{ file: null, document }, ...members];
  // Terraform loads terraform.tfvars, then *.auto.tfvars in lexical order; a later file wins.
  const tfvarsFiles = all
    .filter((m) => m.document.format === 'terraform-vars')
    .sort((a, b) => rank(a.file) - rank(b.file) || (a.file ?? '').localeCompare(b.file ?? ''));
  /** The declaration of `name` that wins: the last file that has one, each file's tables made once. */
  const last = (files: readonly ModuleMember[], table: keyof Declarations, name: string): { settings: readonly Setting[]; member: ModuleMember } | undefined => {
    for (let i = files.length - 1; i >= 0; i--) {
      const member = files[i] as ModuleMember;
      const settings = declarationsOf(member.document)[table].get(name);
      if (settings) return { settings, member };
    }
    return undefined;
  };
  const sourceOf = (kind: string, name: string): Source | undefined => {
    if (kind === 'local') {
      const found = last(all, 'locals', name);
      return found && { settings: found.settings, file: found.member.file, origin: `locals in ${nameOf(found.member.file)}` };
    }
    const assigned = last(tfvarsFiles, 'tfvars', name);
    if (assigned) return { settings: assigned.settings, file: assigned.member.file, origin: nameOf(assigned.member.file) };
    const declared = last(all, 'variables', name);
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

function rank(file: string | null): number {
  return file !== null && file.endsWith('.auto.tfvars') ? 1 : 0;
}

function nameOf(file: string | null): string {
  return file === null ? 'this file' : path.basename(file);
}
