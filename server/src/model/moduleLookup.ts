import type { IacDocument, Resource, Setting } from './types';

/**
 * The files of a Terraform module indexed once for all of them: declarations (variables, locals, tfvars values)
 * and resources by name and type. Each file of a module is analysed against the others; gathering the others
 * again for each file made a folder of N files cost N² (5,000 files: 33× the time of 500). A lookup here costs
 * the entries of one name or type, whatever the number of files; the file being analysed is skipped by path.
 */

/** A file of the module: its path (null for the document being analysed) and model. */
export interface ModuleMember {
  readonly file: string | null;
  readonly document: IacDocument;
}

/** What one file declares, by name. */
export interface Declarations {
  readonly tfvars: ReadonlyMap<string, readonly Setting[]>;
  readonly variables: ReadonlyMap<string, readonly Setting[]>;
  readonly locals: ReadonlyMap<string, readonly Setting[]>;
}

const declarationsCache = new WeakMap<IacDocument, Declarations>();

/** The declarations of a document, made once per document object. */
export function declarationsOf(document: IacDocument): Declarations {
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

/** A declaration and the module file it is in. */
export interface Declared {
  readonly settings: readonly Setting[];
  readonly member: ModuleMember;
}

/** How many module-wide indexes were built (tests count them: one per module version, not one per file). */
export const moduleLookupStats = { built: 0 };

/** Terraform loads terraform.tfvars, then *.auto.tfvars in lexical order; a later file wins. */
export function tfvarsOrder(a: ModuleMember, b: ModuleMember): number {
  return rank(a.file) - rank(b.file) || (a.file ?? '').localeCompare(b.file ?? '');
}

function rank(file: string | null): number {
  return file !== null && file.endsWith('.auto.tfvars') ? 1 : 0;
}

export class ModuleLookup {
  /** Per table and name, the files that declare it, in the order in which a later one wins. */
  private readonly tables: Record<keyof Declarations, Map<string, Declared[]>> = { tfvars: new Map(), variables: new Map(), locals: new Map() };
  /** Per resource type, the resources of that type with their file, in file order. */
  private readonly types = new Map<string, { file: string | null; resource: Resource }[]>();

  /** `members` in module order (the order of their paths); none is the document being analysed. */
  constructor(readonly members: readonly ModuleMember[]) {
    if (members.length > 0) moduleLookupStats.built++;
    const add = (table: keyof Declarations, list: readonly ModuleMember[]) => {
      for (const member of list) {
        for (const [name, settings] of declarationsOf(member.document)[table]) {
          const entries = this.tables[table].get(name);
          if (entries) entries.push({ settings, member });
          else this.tables[table].set(name, [{ settings, member }]);
        }
      }
    };
    add('variables', members);
    add('locals', members);
    add('tfvars', members.filter((m) => m.document.format === 'terraform-vars').sort(tfvarsOrder));
    for (const member of members) {
      for (const resource of member.document.resources) {
        if (resource.kind !== 'resource') continue;
        const entries = this.types.get(resource.type);
        if (entries) entries.push({ file: member.file, resource });
        else this.types.set(resource.type, [{ file: member.file, resource }]);
      }
    }
  }

  /** The winning declaration of `name` in `table` among the files other than `exclude`. */
  last(table: keyof Declarations, name: string, exclude: string | null): Declared | undefined {
    const entries = this.tables[table].get(name);
    if (!entries) return undefined;
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as Declared;
      if (exclude === null || entry.member.file !== exclude) return entry;
    }
    return undefined;
  }

  /** Resources of `type` in the files other than `exclude`, appended to `out`. */
  ofType(type: string, exclude: string | null, out: Resource[]): void {
    for (const entry of this.types.get(type) ?? []) if (exclude === null || entry.file !== exclude) out.push(entry.resource);
  }
}

/** The other files of one file's module: a module-wide lookup, minus the file itself. */
export class ModuleView {
  private documentsValue: readonly IacDocument[] | undefined;

  constructor(
    private readonly lookup: ModuleLookup,
    /** The path of the file being analysed, whose own entries in the lookup are skipped. */
    readonly exclude: string | null,
  ) {}

  /** A view of the given files (none of them the file being analysed); builds their lookup. */
  static of(members: readonly ModuleMember[]): ModuleView {
    return members.length === 0 ? EMPTY_VIEW : new ModuleView(new ModuleLookup(members), null);
  }

  /** No other file: the lookup holds nothing, or only the file being analysed (a path appears once). */
  get isEmpty(): boolean {
    const members = this.lookup.members;
    return members.length === 0 || (members.length === 1 && members[0]?.file === this.exclude);
  }

  /** The other files' models in module order (made on first use, once per view). */
  get documents(): readonly IacDocument[] {
    if (!this.documentsValue) {
      const out: IacDocument[] = [];
      for (const member of this.lookup.members) if (this.exclude === null || member.file !== this.exclude) out.push(member.document);
      this.documentsValue = out;
    }
    return this.documentsValue;
  }

  last(table: keyof Declarations, name: string): Declared | undefined {
    return this.lookup.last(table, name, this.exclude);
  }

  ofType(type: string, out: Resource[]): void {
    this.lookup.ofType(type, this.exclude, out);
  }
}

export const EMPTY_VIEW = new ModuleView(new ModuleLookup([]), null);
