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

export function resolveTerraformReferences(document: IacDocument, members: readonly ModuleMember[]): IacDocument {
  const all: ModuleMember[] = [{ file: null, document }, ...members];
  const variables = new Map<string, Source>();
  const locals = new Map<string, Source>();
  // Terraform loads terraform.tfvars, then *.auto.tfvars in lexical order; a later file wins.
  const tfvarsFiles = all
    .filter((m) => m.document.format === 'terraform-vars')
    .sort((a, b) => rank(a.file) - rank(b.file) || (a.file ?? '').localeCompare(b.file ?? ''));
  const assigned = new Map<string, Source>();
  for (const member of tfvarsFiles) {
    for (const resource of member.document.resources) {
      if (resource.kind === 'tfvars') assigned.set(resource.name, { settings: resource.settings.filter((s) => s.path === 'value'), file: member.file, origin: name(member.file) });
    }
  }
  for (const member of all) {
    for (const resource of member.document.resources) {
      if (resource.kind === 'variable') {
        const defaults = resource.settings.filter((s) => s.path === 'default');
        if (defaults.length > 0) variables.set(resource.name, { settings: defaults, file: member.file, origin: `default in ${name(member.file)}` });
      }
      if (resource.kind === 'locals') {
        for (const setting of resource.settings) {
          if (setting.path.includes('.')) continue;
          const list = resource.settings.filter((s) => s.path === setting.path);
          locals.set(setting.path, { settings: list, file: member.file, origin: `locals in ${name(member.file)}` });
        }
      }
    }
  }
  for (const [key, source] of assigned) variables.set(key, source);
  if (variables.size === 0 && locals.size === 0) return document;

  const resolve = (reference: string, seen: Set<string>): Resolution | undefined => {
    const match = /^(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(reference.trim());
    if (!match || seen.has(reference) || seen.size >= MAX_CHAIN) return undefined;
    const source = (match[1] === 'var' ? variables : locals).get(match[2] ?? '');
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

function name(file: string | null): string {
  return file === null ? 'this file' : path.basename(file);
}
