import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { toDeclarativeRules, type RawRuleFile } from '../rules/declarative/load';
import { customerBearsDuty } from './resolve';
import {
  type Acting,
  type ActingKind,
  type ActingOverride,
  type ActingTable,
  type ProviderStatement,
  type ValueCase,
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

interface RawCase {
  paths?: string;
  value: string;
  requires?: { path: string; value: string };
  port?: string;
  hint?: Text;
  text: Text;
}
interface RawActingOverride {
  kind?: ActingKind;
  statement?: string;
  reason?: Text;
  decides?: Text;
  customer?: Text;
  provider?: Text;
  cases?: RawCase[];
}
interface RawActingFile {
  statements: { id: string; source: Text; url?: string; date?: string; quote: Text }[];
  defaults: (RawActingOverride & { item: string; kind: ActingKind; reason: Text; decides: Text; customer: Text; provider: Text })[];
}

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
    settings: { path: string; items: string[]; byValue?: { pattern: string; items: string[]; label?: Text }[]; acting?: RawActingOverride }[];
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
  const acting = read<RawActingFile>('resources/acting.yaml', 'acting');
  const ruleFiles: [string, RawRuleFile][] = [];
  for (const name of safeReaddir(path.join(matricesDir, 'rules')).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const relative = `rules/${name}`;
    const file = read<RawRuleFile>(relative, 'rules');
    if (file) ruleFiles.push([relative, file]);
  }
  if (errors.length > 0 || !categories || !modes || !acting) throw new MatrixLoadError(errors);

  const rows = buildRows(categories, modelFiles, errors);
  const knownItems = new Set([...rows.values()].flatMap((list) => list.map((row) => row.id)));
  const actingTable = buildActingTable(acting, 'resources/acting.yaml', knownItems, errors);
  const resources = buildResourceMaps(resourceFiles, knownItems, errors, actingTable);
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
    acting: actingTable,
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

function buildResourceMaps(files: [string, RawResourceFile][], items: Set<string>, errors: MatrixError[], acting: ActingTable): ResourceMaps {
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
          // Every mapped setting must say how it is acted on: its item needs a default in acting.yaml.
          else if (!acting.defaults.has(item) && !setting.acting?.kind) errors.push({ file, key, message: `item "${item}" has no default in resources/acting.yaml` });
        }
        return {
          path: setting.path,
          items: setting.items,
          acting: setting.acting ? actingOverride(setting.acting, acting.statements, file, `${key}/acting`, errors) : null,
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

function buildActingTable(raw: RawActingFile, file: string, items: Set<string>, errors: MatrixError[]): ActingTable {
  const statements = new Map<string, ProviderStatement>();
  raw.statements.forEach((s, i) => {
    if (statements.has(s.id)) errors.push({ file, key: `/statements/${i}/id`, message: `duplicate statement "${s.id}"` });
    statements.set(s.id, { id: s.id, source: s.source, url: s.url ?? null, date: s.date ?? null, quote: s.quote });
  });
  const defaults = new Map<string, Acting>();
  raw.defaults.forEach((d, i) => {
    const key = `/defaults/${i}`;
    if (!items.has(d.item)) errors.push({ file, key: `${key}/item`, message: `unknown item "${d.item}"` });
    if (defaults.has(d.item)) errors.push({ file, key: `${key}/item`, message: `duplicate default for "${d.item}"` });
    const override = actingOverride(d, statements, file, key, errors);
    defaults.set(d.item, { kind: d.kind, reason: d.reason, decides: d.decides, customer: d.customer, provider: d.provider, statement: override.statement ?? null, cases: override.cases ?? [] });
  });
  return { defaults, statements };
}

function actingOverride(raw: RawActingOverride, statements: ReadonlyMap<string, ProviderStatement>, file: string, key: string, errors: MatrixError[]): ActingOverride {
  let statement: ProviderStatement | undefined;
  if (raw.statement !== undefined) {
    statement = statements.get(raw.statement);
    if (!statement) errors.push({ file, key: `${key}/statement`, message: `unknown statement "${raw.statement}"` });
  }
  const cases = raw.cases?.flatMap((c, i): ValueCase[] => {
    const at = `${key}/cases/${i}`;
    const value = compilePattern(c.value, file, `${at}/value`, errors);
    const paths = c.paths === undefined ? null : compilePattern(c.paths, file, `${at}/paths`, errors);
    const port = c.port === undefined ? null : compilePattern(c.port, file, `${at}/port`, errors);
    const requiresPath = c.requires ? compilePattern(c.requires.path, file, `${at}/requires/path`, errors) : null;
    const requiresValue = c.requires ? compilePattern(c.requires.value, file, `${at}/requires/value`, errors) : null;
    if (!value || paths === undefined || port === undefined || requiresPath === undefined || requiresValue === undefined) return [];
    return [{ paths, value, port, requires: requiresPath && requiresValue ? { path: requiresPath, value: requiresValue } : null, hint: c.hint ?? null, text: c.text }];
  });
  return {
    ...(raw.kind ? { kind: raw.kind } : {}),
    ...(raw.reason ? { reason: raw.reason } : {}),
    ...(raw.decides ? { decides: raw.decides } : {}),
    ...(raw.customer ? { customer: raw.customer } : {}),
    ...(raw.provider ? { provider: raw.provider } : {}),
    ...(statement ? { statement } : {}),
    ...(cases ? { cases } : {}),
  };
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
  private referencesAdded = false;

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
      // A schema may refer to another by its $id (resources → acting): make those known first.
      if (!this.referencesAdded) {
        this.referencesAdded = true;
        for (const other of safeReaddir(this.dir).filter((n) => n.endsWith('.schema.json'))) {
          const json = JSON.parse(fs.readFileSync(path.join(this.dir, other), 'utf8')) as { $id?: string };
          if (json.$id && !this.ajv.getSchema(json.$id)) this.ajv.addSchema(json);
        }
      }
      const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as { $id?: string };
      const validate = (schema.$id ? this.ajv.getSchema(schema.$id) : undefined) ?? this.ajv.compile(schema);
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
