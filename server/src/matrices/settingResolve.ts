/**
 * The one place that says who acts on a setting. Inlay hints, hover, code lens, diagnostics, `rlens explain` and
 * `rlens scan` all take the party, label, item and reason of a setting from `resolveSetting`, so they cannot
 * disagree. Plain data in, plain data out: no LSP, no syntax.
 *
 * A white-paper row says who bears a security responsibility; the setting's acting kind (matrices/resources/
 * acting.yaml) says how the line is acted on. The label combines both, and the author of a line is always named
 * unless the workspace's contract hands the item to someone else.
 */
import type { Setting } from '../model/types';
import { maskSecretsIn } from '../rules/secrets/displaySafe';
import type { RowResolver } from './resolve';
import type { Acting, ActingKind, ActingTable, MatrixRow, ServiceModel, SettingMapping, Text, ValueCase } from './types';

/** Who must act on a setting: the five parties of a label. */
export type SettingParty = 'customer' | 'provider' | 'shared' | 'negotiable' | 'vendor';

/** Which wording the label takes; the words themselves are in SETTING_LABELS. */
export type LabelKey =
  | 'configures'
  | 'chooses'
  | 'owns'
  | 'providerSupports'
  | 'customerRunsPlatform'
  | 'negotiable'
  | 'contractCustomer'
  | 'contractShared'
  | 'contractProvider'
  | 'contractVendor';

/** Visible labels: at most 28 characters in English (the rest is in the hover). */
export const SETTING_LABELS: Readonly<Record<LabelKey, Text>> = {
  configures: { en: 'Customer sets · cloud offers', zh: '客户配置 · 云商提供' },
  chooses: { en: 'Customer picks · cloud runs', zh: '客户选择 · 云商运行' },
  owns: { en: 'Customer decides', zh: '客户负责' },
  providerSupports: { en: 'Customer · provider supports', zh: '客户负责 · 云商支持' },
  customerRunsPlatform: { en: 'Customer (runs the platform)', zh: '客户负责（自运营平台）' },
  negotiable: { en: 'Negotiable · see contract', zh: '可协商 · 见合同' },
  contractCustomer: { en: 'Customer (contract)', zh: '客户（合同）' },
  contractShared: { en: 'Shared (contract)', zh: '共担（合同）' },
  contractProvider: { en: 'Provider (contract)', zh: '云商（合同）' },
  contractVendor: { en: 'Vendor (contract)', zh: '安全厂商（合同）' },
};

/** What a particular value means for the customer, when a case of the data matches it. */
export interface Verdict {
  /** The verdict sentence with `{value}` and `{port}` filled in, as plain text (outputs escape it). */
  readonly text: Text;
  /** A few words for the hint; null when the case does not warrant its own hint. */
  readonly hint: Text | null;
}

export interface SettingResolution {
  readonly party: SettingParty;
  readonly labelKey: LabelKey;
  readonly label: Text;
  readonly kind: ActingKind;
  /** The primary item's row (deployment mode and contract applied), then the others the setting maps to. */
  readonly rows: readonly MatrixRow[];
  /** Why the label is what it is. */
  readonly reason: Text;
  readonly acting: Acting;
  /** Set when the value hits a case of the data (e.g. 0.0.0.0/0 on an ingress rule). */
  readonly verdict: Verdict | null;
}

/** Everything about one setting the resolver needs. */
export interface SettingInput {
  readonly serviceModel: ServiceModel;
  /** Item ids, primary first (after `byValue`). */
  readonly items: readonly string[];
  readonly path: string;
  /** The setting's own refinements (resources/alicloud/*.yaml `acting:`). */
  readonly override?: SettingMapping['acting'];
  /**
   * The literal values of the setting (a list's elements each), resolved references included; `shown` is what a
   * verdict may quote: the literal as written, or the reference (var.x) when the value is written elsewhere.
   */
  readonly literals: readonly { readonly value: string; readonly shown: string }[];
  /** The literal of the nearest sibling setting whose path matches, for `{port}` and `requires`. */
  readonly sibling?: (path: RegExp) => string | null | undefined;
  /** Lets a contract's reassignment for one resource type apply. */
  readonly resourceType?: string;
}

/** The one resolver. Undefined when none of the items has a row in the service model's table. */
export function resolveSetting(input: SettingInput, acting: ActingTable, resolver: RowResolver): SettingResolution | undefined {
  const rows = input.items.map((item) => resolver.row(input.serviceModel, item, input.resourceType)).filter((row): row is MatrixRow => row !== undefined);
  const primary = rows[0];
  if (!primary) return undefined;
  const merged = actingOf(primary, acting, input.override);
  const labelKey = labelKeyOf(merged.kind, primary);
  return {
    party: PARTY_OF[labelKey],
    labelKey,
    label: SETTING_LABELS[labelKey],
    kind: merged.kind,
    rows,
    reason: reasonOf(merged, labelKey, primary),
    acting: merged,
    verdict: verdictOf(merged.cases, input),
  };
}

const PARTY_OF: Readonly<Record<LabelKey, SettingParty>> = {
  configures: 'shared',
  chooses: 'shared',
  owns: 'customer',
  providerSupports: 'customer',
  customerRunsPlatform: 'customer',
  negotiable: 'negotiable',
  contractCustomer: 'customer',
  contractShared: 'shared',
  contractProvider: 'provider',
  contractVendor: 'vendor',
};

/**
 * The label for a kind on a resolved row. The standard's row never takes the line from its author: it only says
 * whether the provider's part is "provides" or "runs". A negotiable row says so until the contract chooses; the
 * contract, and a deployment mode in which the customer runs the platform, change the words.
 */
export function labelKeyOf(kind: ActingKind, row: MatrixRow): LabelKey {
  const { provider, customer, vendor } = row;
  if (provider.duty === 'negotiable' || customer.duty === 'negotiable') return 'negotiable';
  if (provider.origin === 'contract' || customer.origin === 'contract' || vendor.origin === 'contract') {
    if (vendor.duty === 'yes' && customer.duty !== 'yes') return 'contractVendor';
    if (customer.duty === 'yes' && provider.duty === 'yes') return 'contractShared';
    if (customer.duty === 'yes') return 'contractCustomer';
    if (provider.duty === 'yes') return 'contractProvider';
  }
  if (kind === 'owns') return 'owns';
  if (provider.duty === 'supporting') return 'providerSupports';
  if (provider.duty === 'no' && provider.origin === 'deployment-mode') return 'customerRunsPlatform';
  return kind;
}

/** The item's default, refined by the setting's own fields. */
function actingOf(primary: MatrixRow, table: ActingTable, override: SettingMapping['acting']): Acting {
  const base: Acting = table.defaults.get(primary.id) ?? fallbackActing(primary);
  if (!override) return base;
  return {
    kind: override.kind ?? base.kind,
    reason: override.reason ?? base.reason,
    decides: override.decides ?? base.decides,
    customer: override.customer ?? base.customer,
    provider: override.provider ?? base.provider,
    statement: override.statement ?? base.statement,
    // The setting's own cases first: they are more specific than the item's.
    cases: [...(override.cases ?? []), ...base.cases],
  };
}

/** For an item acting.yaml does not list (a custom rule's item): said from the row, never as the provider's alone. */
function fallbackActing(row: MatrixRow): Acting {
  const itemEn = row.item.en;
  const itemZh = row.item.zh;
  return {
    kind: row.customer.duty === 'yes' && row.provider.duty !== 'yes' ? 'owns' : 'configures',
    reason: { en: `The template's author sets this; ${itemEn} is shared out as the row says.`, zh: `此设置由模板作者填写；${itemZh}按表中的划分承担。` },
    decides: { en: `how ${itemEn} is handled for this resource`, zh: `此资源的${itemZh}` },
    customer: { en: 'set it as your security requirements need', zh: '按安全要求设置' },
    provider: { en: 'bears what the row gives it', zh: '承担表中划给云服务商的部分' },
    statement: null,
    cases: [],
  };
}

const MODE_REASON: Text = {
  en: 'The deployment mode changes the row: the customer runs the platform, the provider',
  zh: '部署模式改变了划分：客户运营平台，云服务商',
};

function reasonOf(acting: Acting, key: LabelKey, row: MatrixRow): Text {
  if (key === 'customerRunsPlatform' || key === 'providerSupports') {
    const tail: Text = key === 'providerSupports' ? { en: 'supports.', zh: '提供支持。' } : { en: 'does not bear it.', zh: '不承担。' };
    return { en: `${acting.reason.en} ${MODE_REASON.en} ${tail.en}`, zh: `${acting.reason.zh}${MODE_REASON.zh}${tail.zh}` };
  }
  if (key.startsWith('contract') && row.contractNote) {
    return { en: `${acting.reason.en} Your contract: ${row.contractNote.en}`, zh: `${acting.reason.zh}合同约定：${row.contractNote.zh}` };
  }
  if (key === 'negotiable' && row.negotiation) {
    return {
      en: `${acting.reason.en} Who does what is negotiable (${row.negotiation.table.en}, no. ${row.negotiation.number}) until your contract chooses.`,
      zh: `${acting.reason.zh}具体划分可协商（${row.negotiation.table.zh} 第 ${row.negotiation.number} 项），由合同选定。`,
    };
  }
  return acting.reason;
}

function verdictOf(cases: readonly ValueCase[], input: SettingInput): Verdict | null {
  for (const c of cases) {
    if (c.paths && !c.paths.test(input.path)) continue;
    const literal = input.literals.find((l) => c.value.test(l.value));
    if (literal === undefined) continue;
    // A verdict quotes the value as written: masked, should a key sit in it.
    const value = maskSecretsIn(literal.shown);
    if (c.requires) {
      const sibling = input.sibling?.(c.requires.path);
      if (typeof sibling === 'string' && !c.requires.value.test(sibling)) continue;
    }
    const port = c.port ? portText(input.sibling?.(c.port)) : null;
    const fill = (template: string, language: 'en' | 'zh'): string =>
      // Replaced by functions: a `$&` or `$'` in a value must not be read as a replacement pattern.
      template.replace(/\{value\}/g, () => value).replace(/\{port\}/g, () => (port ? port[language] : PORTS_UNKNOWN[language]));
    const hint = c.hint ? { en: fill(c.hint.en, 'en').trim(), zh: fill(c.hint.zh, 'zh').trim() } : null;
    return { text: { en: fill(c.text.en, 'en'), zh: fill(c.text.zh, 'zh') }, hint };
  }
  return null;
}

const PORTS_UNKNOWN: Text = { en: 'its ports', zh: '此规则开放的端口' };

/** "3389/3389" → port 3389; "-1/-1" or "1/65535" → every port; "80/443" → ports 80–443. */
export function portText(range: string | null | undefined): Text | null {
  if (typeof range !== 'string') return null;
  const match = /^(-?\d+)\/(-?\d+)$/.exec(range.trim());
  if (!match) return null;
  const [, from, to] = match;
  if (from === '-1' || (from === '1' && to === '65535')) return { en: 'every port', zh: '全部端口' };
  if (from === to) return { en: `port ${from}`, zh: `端口 ${from} ` };
  return { en: `ports ${from}–${to}`, zh: `端口 ${from}–${to} ` };
}

/**
 * The literal values of a setting's elements, as text: what value cases are matched against. A value written
 * elsewhere (a variable's default, a tfvars entry) is judged, but quoted by its reference, never by its value.
 */
export function literalsOf(settings: readonly Setting[]): { value: string; shown: string }[] {
  const out: { value: string; shown: string }[] = [];
  for (const setting of settings) {
    if (setting.value.kind === 'literal') {
      if (setting.value.value !== null) out.push({ value: String(setting.value.value), shown: String(setting.value.value) });
    } else if (setting.resolved && setting.resolved.value !== null) {
      out.push({ value: String(setting.resolved.value), shown: setting.value.kind === 'reference' || setting.value.kind === 'unknown' ? setting.value.text : setting.key });
    }
  }
  return out;
}

/** The literal of the sibling setting nearest to `near` whose path matches: e.g. the PortRange of the same rule. */
export function siblingLiteral(settings: readonly Setting[], near: Setting, path: RegExp): string | null | undefined {
  let best: Setting | undefined;
  let distance = Infinity;
  for (const candidate of settings) {
    if (candidate === near || !path.test(candidate.path)) continue;
    const d = Math.abs(candidate.keyRange.start.line - near.keyRange.start.line);
    if (d < distance) {
      best = candidate;
      distance = d;
    }
  }
  if (!best) return undefined;
  const value = best.value.kind === 'literal' ? best.value.value : best.resolved?.value;
  return value === undefined || value === null ? null : String(value);
}
