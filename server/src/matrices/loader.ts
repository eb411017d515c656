import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { toDeclarativeRules, type RawRuleFile } from '../rules/declarative/load';
import { customerBearsDuty } from './resolve';
import {
  DEPLOYMENT_MODES,
  SERVICE_MODELS,
  type DeploymentMode,
  type DeploymentModeDefinition,
  type Duty,
  type Knowledge,
  type MatrixRow,
  type Named,
  type NamedKind,
  type PartyCell,
  type ResourceMapping,
  type ResourceMaps,
  type ServiceModel,
  type Text,
} from './types';

/** A problem with one matrices file: where, which key, what. */
export interface MatrixError {
  readonly file: string;
  readonly key: string;
  readonly message: string;
}

export class MatrixLoadError extends Error {
  constructor(readonly errors: readonly MatrixError[]) {
    super(errors.map((e) => `${e.file}: ${e.key ? `${e.key}: ` : ''}${e.message}`).join('\n'));
    this.name = 'MatrixLoadError';
  }
}

// ---- raw shapes, as the JSON Schemas in matrices/schema/ describe them ----

interface RawCell {
  bears: boolean;
  note?: Text;
}
interface RawRow {
  category: string;
  scope?: string | null;
  scopes?: string[];
  /** Written only to keep an id stable when the derived one would change (e.g. a corrected scope). */
  id?: string;
  key: string;
  item: Text;
  definition?: Text;
  provider?: RawCell;
  customer?: RawCell;
  negotiable?: { number: number; label: Text; options: { id: string; provider: Text | null; customer: Text | null }[] };
  note?: Text;
}
interface RawModelFile {
  serviceModel: ServiceModel;
  table: Text;
  negotiableTable?: Text;
  inherit?: { from: ServiceModel; categories?: string[]; scopes?: string[]; note?: Text }[];
  rows: RawRow[];
}
interface RawCategories {
  categories: Named[];
  scopes: (Named & { category: string })[];
}
interface RawModes {
  parties: Named[];
  modes: {
    id: DeploymentMode;
    name: Text;
    description?: Text;
    remark?: Text;
    overrides: {
      match: { categories?: string[]; items?: string[]; serviceModels?: ServiceModel[] };
      provider?: Duty;
      customer?: Duty;
      vendor?: Duty;
      note?: Text;
      source?: Text;
    }[];
  }[];
}
interface RawResourceFile {
  product: Text;
  resources: {
    terraform?: string;
    ros?: string;
    rosParameter?: { namePattern: string };
    terraformNamed?: { kinds: NamedKind[]; namePattern: string };
    serviceModel: ServiceModel;
    settings: { path: string; items: string[]; byValue?: { pattern: string; items: string[]; label?: Text }[] }[];
  }[];
}

/** Loads and validates everything under `matricesDir`. Throws MatrixLoadError listing every problem found. */
export function loadKnowledge(matricesDir: string): Knowledge {
  const errors: MatrixError[] = [];
  const validators = new SchemaSet(path.join(matricesDir, 'schema'), errors);
  const read = <T>(relative: string, schema: string): T | undefined => {
    const file = path.join(matricesDir, relative);
    let data: unknown;
    try {
      data = parseYaml(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      errors.push({ file: relative, key: '', message: (error as Error).message.split('\n')[0] ?? 'unreadable' });
      return undefined;
    }
    return validators.check<T>(schema, data, relative);
  };

  const categories = read<RawCategories>('model/categories.yaml', 'categories');
  const modelFiles = new Map<ServiceModel, RawModelFile>();
  for (const serviceModel of SERVICE_MODELS) {
    const file = read<RawModelFile>(`model/${serviceModel}.yaml`, 'model');
    if (file) modelFiles.set(serviceModel, file);
  }
  const modes = read<RawModes>('model/deployment-modes.yaml', 'deployment-modes');
  const resourceFiles: [string, RawResourceFile][] = [];
  const resourcesDir = path.join(matricesDir, 'resources');
  for (const cloud of safeReaddir(resourcesDir)) {
    for (const name of safeReaddir(path.join(resourcesDir, cloud)).filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const relative = `resources/${cloud}/${name}`;
      const file = read<RawResourceFile>(relative, 'resources');
      if (file) resourceFiles.push([relative, file]);
    }
  }
  const ruleFiles: [string, RawRuleFile][] = [];
  for (const name of safeReaddir(path.join(matricesDir, 'rules')).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const relative = `rules/${name}`;
    const file = read<RawRuleFile>(relative, 'rules');
    if (file) ruleFiles.push([relative, file]);
  }
  if (errors.length > 0 || !categories || !modes) throw new MatrixLoadError(errors);

  const rows = buildRows(categories, modelFiles, errors);
  const knownItems = new Set([...rows.values()].flatMap((list) => list.map((row) => row.id)));
  const resources = buildResourceMaps(resourceFiles, knownItems, errors);
  const modeMap = buildModes(modes, categories, knownItems, errors);
  const customerItems = new Set([...rows.values()].flatMap((list) => list.filter(customerBearsDuty).map((row) => row.id)));
  const rules = ruleFiles.flatMap(([file, raw]) => toDeclarativeRules(raw, file, 'builtin', knownItems, customerItems, errors));
  const seenRules = new Set<string>();
  for (const rule of rules) {
    if (seenRules.has(rule.meta.id)) errors.push({ file: rule.meta.origin, key: rule.meta.id, message: 'duplicate rule id' });
    seenRules.add(rule.meta.id);
  }
  if (errors.length > 0) throw new MatrixLoadError(errors);
  return {
    model: { categories: categories.categories, scopes: categories.scopes, rows, parties: modes.parties, modes: modeMap },
    resources,
    rules,
  };
}

function buildRows(categories: RawCategories, files: Map<ServiceModel, RawModelFile>, errors: MatrixError[]): Map<ServiceModel, MatrixRow[]> {
  const categoryById = new Map(categories.categories.map((c) => [c.id, c]));
  const scopeById = new Map(categories.scopes.map((s) => [s.id, s]));
  const built = new Map<ServiceModel, MatrixRow[]>();
  const building = new Set<ServiceModel>();

  const own = (serviceModel: ServiceModel, file: RawModelFile): MatrixRow[] => {
    const relative = `model/${serviceModel}.yaml`;
    const rowsOut: MatrixRow[] = [];
    file.rows.forEach((raw, index) => {
      const category = categoryById.get(raw.category);
      if (!category) {
        errors.push({ file: relative, key: `/rows/${index}/category`, message: `unknown category "${raw.category}"` });
        return;
      }
      const scopeIds = raw.scopes ?? [raw.scope ?? null];
      for (const scopeId of scopeIds) {
        const scope = scopeId === null ? null : scopeById.get(scopeId);
        if (scope === undefined) {
          errors.push({ file: relative, key: `/rows/${index}/scope`, message: `unknown scope "${String(scopeId)}"` });
          continue;
        }
        const negotiation = raw.negotiable
          ? { ...raw.negotiable, table: file.negotiableTable ?? file.table }
          : null;
        const id = raw.id ?? [raw.category, scope?.id, raw.key].filter(Boolean).join('.');
        if (!id.startsWith(`${raw.category}.`)) {
          errors.push({ file: relative, key: `/rows/${index}/id`, message: `id "${id}" is not in category "${raw.category}"` });
          continue;
        }
        rowsOut.push({
          id,
          serviceModel,
          category: { id: category.id, name: category.name },
          scope: scope ? { id: scope.id, name: scope.name } : null,
          item: raw.item,
          definition: raw.definition ?? null,
          provider: cellOf(raw.provider, negotiation !== null),
          customer: cellOf(raw.customer, negotiation !== null),
          vendor: { duty: 'no', note: null, origin: 'standard' },
          negotiation,
          table: file.table,
          inheritedFrom: null,
          modeNote: null,
        });
      }
    });
    return rowsOut;
  };

  const resolve = (serviceModel: ServiceModel): MatrixRow[] => {
    const done = built.get(serviceModel);
    if (done) return done;
    const file = files.get(serviceModel);
    if (!file) return [];
    if (building.has(serviceModel)) {
      errors.push({ file: `model/${serviceModel}.yaml`, key: '/inherit', message: 'inheritance cycle' });
      return [];
    }
    building.add(serviceModel);
    const ownRows = own(serviceModel, file);
    const inherited: MatrixRow[] = [];
    for (const rule of file.inherit ?? []) {
      const categoriesWanted = new Set(rule.categories ?? []);
      const scopesWanted = new Set(rule.scopes ?? []);
      for (const row of resolve(rule.from)) {
        if (!categoriesWanted.has(row.category.id) && !(row.scope && scopesWanted.has(row.scope.id))) continue;
        inherited.push({ ...row, serviceModel, inheritedFrom: { serviceModel: rule.from, note: rule.note ?? null, table: file.table } });
      }
    }
    // Keep the paper's category order: inherited and own rows sorted by category position, stable otherwise.
    const order = new Map(categories.categories.map((c, i) => [c.id, i]));
    const all = [...inherited, ...ownRows].map((row, index) => ({ row, index }));
    all.sort((a, b) => (order.get(a.row.category.id) ?? 0) - (order.get(b.row.category.id) ?? 0) || a.index - b.index);
    const rows = all.map((entry) => entry.row);
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.id)) errors.push({ file: `model/${serviceModel}.yaml`, key: row.id, message: 'duplicate item id' });
      seen.add(row.id);
    }
    building.delete(serviceModel);
    built.set(serviceModel, rows);
    return rows;
  };

  for (const serviceModel of SERVICE_MODELS) resolve(serviceModel);
  return built;
}

function cellOf(raw: RawCell | undefined, negotiable: boolean): PartyCell {
  if (negotiable && !raw) return { duty: 'negotiable', note: null, origin: 'standard' };
  return { duty: raw?.bears ? 'yes' : 'no', note: raw?.note ?? null, origin: 'standard' };
}

function buildModes(raw: RawModes, categories: RawCategories, items: Set<string>, errors: MatrixError[]): Map<DeploymentMode, DeploymentModeDefinition> {
  const knownCategories = new Set(categories.categories.map((c) => c.id));
  const modes = new Map<DeploymentMode, DeploymentModeDefinition>();
  raw.modes.forEach((mode, modeIndex) => {
    mode.overrides.forEach((override, index) => {
      for (const category of override.match.categories ?? []) {
        if (!knownCategories.has(category)) {
          errors.push({ file: 'model/deployment-modes.yaml', key: `/modes/${modeIndex}/overrides/${index}/match/categories`, message: `unknown category "${category}"` });
        }
      }
      for (const item of override.match.items ?? []) {
        if (!items.has(item)) {
          errors.push({ file: 'model/deployment-modes.yaml', key: `/modes/${modeIndex}/overrides/${index}/match/items`, message: `unknown item "${item}"` });
        }
      }
    });
    modes.set(mode.id, {
      id: mode.id,
      name: mode.name,
      description: mode.description ?? null,
      remark: mode.remark ?? null,
      overrides: mode.overrides.map((o) => ({
        categories: o.match.categories ?? [],
        items: o.match.items ?? [],
        ...(o.match.serviceModels ? { serviceModels: o.match.serviceModels } : {}),
        ...(o.provider ? { provider: o.provider } : {}),
        ...(o.customer ? { customer: o.customer } : {}),
        ...(o.vendor ? { vendor: o.vendor } : {}),
        note: o.note ?? null,
        source: o.source ?? null,
      })),
    });
  });
  for (const id of DEPLOYMENT_MODES) {
    if (!modes.has(id)) errors.push({ file: 'model/deployment-modes.yaml', key: '/modes', message: `mode "${id}" is missing` });
  }
  return modes;
}

function buildResourceMaps(files: [string, RawResourceFile][], items: Set<string>, errors: MatrixError[]): ResourceMaps {
  const terraform = new Map<string, ResourceMapping>();
  const ros = new Map<string, ResourceMapping>();
  const rosParameters: { namePattern: RegExp; mapping: ResourceMapping }[] = [];
  const terraformNamed: { kinds: readonly NamedKind[]; namePattern: RegExp; mapping: ResourceMapping }[] = [];
  for (const [file, raw] of files) {
    raw.resources.forEach((entry, entryIndex) => {
      const settings = entry.settings.map((setting, settingIndex) => {
        const key = `/resources/${entryIndex}/settings/${settingIndex}`;
        for (const item of [...setting.items, ...(setting.byValue ?? []).flatMap((b) => b.items)]) {
          if (!items.has(item)) errors.push({ file, key, message: `unknown item "${item}"` });
        }
        return {
          path: setting.path,
          items: setting.items,
          byValue: (setting.byValue ?? []).flatMap((b, i) => {
            const pattern = compilePattern(b.pattern, file, `${key}/byValue/${i}/pattern`, errors);
            return pattern ? [{ pattern, items: b.items, label: b.label ?? null }] : [];
          }),
        };
      });
      const mapping: ResourceMapping = { product: raw.product, serviceModel: entry.serviceModel, settings, file };
      if (entry.terraform) addUnique(terraform, entry.terraform, mapping, file, errors);
      else if (entry.ros) addUnique(ros, entry.ros, mapping, file, errors);
      else if (entry.rosParameter) {
        const namePattern = compilePattern(entry.rosParameter.namePattern, file, `/resources/${entryIndex}/rosParameter/namePattern`, errors, 'i');
        if (namePattern) rosParameters.push({ namePattern, mapping });
      } else if (entry.terraformNamed) {
        const namePattern = compilePattern(entry.terraformNamed.namePattern, file, `/resources/${entryIndex}/terraformNamed/namePattern`, errors, 'i');
        if (namePattern) terraformNamed.push({ kinds: entry.terraformNamed.kinds, namePattern, mapping });
      }
    });
  }
  return { terraform, ros, rosParameters, terraformNamed };
}

function addUnique(map: Map<string, ResourceMapping>, type: string, mapping: ResourceMapping, file: string, errors: MatrixError[]): void {
  const existing = map.get(type);
  if (existing) errors.push({ file, key: type, message: `already mapped in ${existing.file}` });
  else map.set(type, mapping);
}

function compilePattern(source: string, file: string, key: string, errors: MatrixError[], flags = ''): RegExp | undefined {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    errors.push({ file, key, message: `invalid regular expression: ${(error as Error).message}` });
    return undefined;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** The JSON Schemas in matrices/schema/, compiled once per load. */
class SchemaSet {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly dir: string, private readonly errors: MatrixError[]) {}

  check<T>(name: string, data: unknown, file: string): T | undefined {
    const validate = this.validator(name, file);
    if (!validate) return undefined;
    if (validate(data)) return data as T;
    for (const error of (validate.errors ?? []).slice(0, 20)) this.errors.push({ file, key: keyOf(error), message: error.message ?? 'invalid' });
    return undefined;
  }

  private validator(name: string, file: string): ValidateFunction | undefined {
    const cached = this.compiled.get(name);
    if (cached) return cached;
    const schemaFile = path.join(this.dir, `${name}.schema.json`);
    try {
      const validate = this.ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object);
      this.compiled.set(name, validate);
      return validate;
    } catch (error) {
      this.errors.push({ file, key: '', message: `cannot use schema ${path.basename(schemaFile)}: ${(error as Error).message}` });
      return undefined;
    }
  }
}

/** The offending key: the JSON pointer, plus the property name for unknown or missing properties. */
function keyOf(error: ErrorObject): string {
  const params = error.params as { additionalProperty?: string; missingProperty?: string };
  const extra = params.additionalProperty ?? params.missingProperty;
  return extra ? `${error.instancePath}/${extra}` : error.instancePath || '/';
}
