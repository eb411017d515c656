/**
 * The customer's contract (`.rlens/contract.yaml`): what the customer agreed with its provider and security vendors,
 * which overrides the standard's split for this workspace. Plain data plus the reader; no LSP.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import localizeZh from 'ajv-i18n/localize/zh';
import { parseDocument } from 'yaml';
import type { Language } from '../i18n/language';
import { t } from '../i18n/messages';
import { DEPLOYMENT_MODES, SERVICE_MODELS, type DeploymentMode, type Knowledge, type ServiceModel } from '../matrices/types';
import type { Range } from '../model/types';
import { LineIndex } from '../util/lineIndex';
import { yamlRanges } from './yamlRanges';

/** A duty a contract may give a party ("negotiable" is what a contract settles, so it cannot be written). */
export type ContractDuty = 'yes' | 'no' | 'supporting';

export interface ContractVendor {
  readonly name: string;
  readonly contractedBy: 'customer' | 'provider';
  readonly items: readonly string[];
  /** Undefined: every service model. */
  readonly serviceModels?: readonly ServiceModel[];
  /** `yes` (default): the vendor bears the items; `supporting`: it supports the bearer. */
  readonly duty?: 'yes' | 'supporting';
}

export interface Reassignment {
  readonly item: string;
  readonly serviceModel?: ServiceModel;
  readonly resourceType?: string;
  readonly provider?: ContractDuty;
  readonly customer?: ContractDuty;
  readonly vendor?: ContractDuty;
  readonly reason: string;
}

export interface Waiver {
  readonly rule: string;
  /** `type.name` (Terraform) or a ROS logical id; undefined: every resource. */
  readonly resource?: string;
  /** YYYY-MM-DD, the last day the waiver applies. */
  readonly expires: string;
  readonly reason: string;
  /** Where the waiver is written, for the expired-waiver finding. */
  readonly range: Range;
}

export interface Contract {
  /** The contract file, for messages and for findings about the contract itself. */
  readonly file: string;
  readonly deploymentMode?: DeploymentMode;
  /** Service model → item id → chosen option id. */
  readonly negotiable: ReadonlyMap<ServiceModel, ReadonlyMap<string, string>>;
  readonly vendors: readonly ContractVendor[];
  readonly reassignments: readonly Reassignment[];
  readonly waivers: readonly Waiver[];
}

export interface ContractProblem {
  readonly message: string;
  readonly range: Range;
}

/** Where a workspace keeps its contract. */
export const CONTRACT_FILE = path.join('.rlens', 'contract.yaml');

export function isContractFile(fileName: string): boolean {
  return /(^|[\\/])\.rlens[\\/]contract\.ya?ml$/.test(fileName);
}

interface RawContract {
  deploymentMode?: DeploymentMode;
  negotiable?: Partial<Record<ServiceModel, Record<string, string> | null>>;
  vendors?: ContractVendor[] | null;
  reassignments?: Reassignment[] | null;
  waivers?: Omit<Waiver, 'range'>[] | null;
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(schemaDir: string): ValidateFunction {
  let validate = validators.get(schemaDir);
  if (!validate) {
    validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(schemaDir, 'contract.schema.json'), 'utf8')) as object);
    validators.set(schemaDir, validate);
  }
  return validate;
}

/**
 * Parses and validates a contract: first the schema, then the references into the responsibility data (item ids,
 * negotiable rows, option ids) and the dates. The contract is only returned when there is no problem, so a typo
 * never silently changes who is responsible.
 */
export function readContract(text: string, file: string, knowledge: Knowledge, schemaDir: string, language: Language = 'en'): { contract: Contract | null; problems: ContractProblem[] } {
  const lines = new LineIndex(text);
  const document = parseDocument(text, { prettyErrors: false, strict: false });
  if (document.errors.length > 0) {
    return { contract: null, problems: document.errors.map((e) => ({ message: `YAML: ${e.code}`, range: lines.rangeOf(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)) })) };
  }
  const ranges = yamlRanges(document, lines);
  // A document whose aliases expand without end (billion laughs) makes toJS throw: a problem of the file, not a crash.
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return { contract: null, problems: [{ message: t(language, 'yaml.tooManyAliases'), range: lines.rangeOf(0, Math.min(text.length, 1)) }] };
  }
  const validate = validatorFor(schemaDir);
  if (!validate(data)) {
    // Ajv's messages are English; the Chinese ones come from ajv-i18n. Localising copies, not the validator's own array.
    const errors = (validate.errors ?? []).slice(0, 50).map((e) => ({ ...e }));
    if (language === 'zh-cn') localizeZh(errors);
    return {
      contract: null,
      problems: errors.map((e) => {
        const extra = (e.params as { additionalProperty?: string }).additionalProperty;
        const pointer = extra ? `${e.instancePath}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}` : e.instancePath;
        return { message: `${e.instancePath || '/'}${extra ? `/${extra}` : ''}: ${e.message ?? 'invalid'}`, range: ranges.key(pointer) };
      }),
    };
  }
  const raw = data as RawContract;
  const problems: ContractProblem[] = [];
  const problem = (pointer: string, message: string): void => {
    problems.push({ message: `${pointer}: ${message}`, range: ranges.key(pointer) });
  };
  const rowsOf = (serviceModel: ServiceModel) => knowledge.model.rows.get(serviceModel) ?? [];
  const allItems = new Set([...knowledge.model.rows.values()].flat().map((row) => row.id));
  const checkItem = (pointer: string, item: string, serviceModels: readonly ServiceModel[] = SERVICE_MODELS): void => {
    if (!allItems.has(item)) problem(pointer, t(language, 'contract.unknownItem', item));
    else if (!serviceModels.some((sm) => rowsOf(sm).some((row) => row.id === item))) problem(pointer, t(language, 'contract.itemNotInModel', item, serviceModels.join(', ')));
  };

  const negotiable = new Map<ServiceModel, Map<string, string>>();
  for (const serviceModel of SERVICE_MODELS) {
    const choices = raw.negotiable?.[serviceModel];
    if (!choices) continue;
    const byItem = new Map<string, string>();
    for (const [item, option] of Object.entries(choices)) {
      const pointer = `/negotiable/${serviceModel}/${item}`;
      const row = rowsOf(serviceModel).find((r) => r.id === item);
      if (!row) {
        problem(pointer, allItems.has(item) ? t(language, 'contract.itemNotInModel', item, serviceModel) : t(language, 'contract.unknownItem', item));
      } else if (!row.negotiation) {
        problem(pointer, t(language, 'contract.notNegotiable', item, serviceModel));
      } else if (!row.negotiation.options.some((o) => o.id === option)) {
        problems.push({ message: `${pointer}: ${t(language, 'contract.unknownOption', option, item, row.negotiation.options.map((o) => o.id).join(', '))}`, range: ranges.value(pointer) });
      } else {
        byItem.set(item, option);
      }
    }
    negotiable.set(serviceModel, byItem);
  }
  const vendors = raw.vendors ?? [];
  vendors.forEach((vendor, index) => vendor.items.forEach((item, i) => checkItem(`/vendors/${index}/items/${i}`, item, vendor.serviceModels)));
  const reassignments = raw.reassignments ?? [];
  reassignments.forEach((r, index) => checkItem(`/reassignments/${index}/item`, r.item, r.serviceModel ? [r.serviceModel] : SERVICE_MODELS));
  const waivers: Waiver[] = (raw.waivers ?? []).map((w, index) => {
    if (!isCalendarDate(w.expires)) problems.push({ message: `/waivers/${index}/expires: ${t(language, 'contract.badDate', w.expires)}`, range: ranges.value(`/waivers/${index}/expires`) });
    // The waiver's first line (`- rule: …`) is where an expired waiver is reported.
    return { ...w, range: ranges.value(`/waivers/${index}/rule`) };
  });
  if (problems.length > 0) return { contract: null, problems };
  return {
    contract: {
      file,
      ...(raw.deploymentMode && (DEPLOYMENT_MODES as readonly string[]).includes(raw.deploymentMode) ? { deploymentMode: raw.deploymentMode } : {}),
      negotiable,
      vendors,
      reassignments,
      waivers,
    },
    problems,
  };
}

/** True for a real day: the schema's pattern lets 2025-02-30 through, Date would silently roll it over. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
