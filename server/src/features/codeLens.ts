import { pick, type Language } from '../i18n/language';
import { t } from '../i18n/messages';
import type { LabelKey } from '../matrices/settingResolve';
import type { ResourceAnnotations } from './annotations';

/** The order groups are named in: what the customer alone decides first, then what it configures or picks. */
const ORDER: readonly LabelKey[] = [
  'owns',
  'contractCustomer',
  'configures',
  'chooses',
  'negotiable',
  'contractShared',
  'providerSupports',
  'customerRunsPlatform',
  'contractVendor',
  'contractProvider',
];

const MAX_GROUPS = 2;
const MAX_KEYS = 3;

/**
 * What the customer must act on in this resource: "IaaS · check cidr_ip · Customer sets · cloud offers: type,
 * ip_protocol, nic_type +4". Values the data has a verdict for come first; a resource with nothing mapped says so.
 */
export function lensTitle(entry: ResourceAnnotations, language: Language): string {
  const model = t(language, `serviceModel.${entry.mapping.serviceModel}`);
  if (entry.annotations.length === 0) return t(language, 'lens.summary', model, t(language, 'lens.nothingRelevant'));
  const parts: string[] = [];
  const flagged = entry.annotations.filter((a) => a.resolution.verdict?.hint).map((a) => a.setting.key);
  if (flagged.length > 0) parts.push(t(language, 'lens.check', unique(flagged).join(', ')));
  const groups = new Map<LabelKey, string[]>();
  for (const annotation of entry.annotations) {
    const key = annotation.resolution.labelKey;
    groups.set(key, [...(groups.get(key) ?? []), annotation.setting.key]);
  }
  const ordered = ORDER.filter((key) => groups.has(key));
  for (const key of ordered.slice(0, MAX_GROUPS)) {
    const keys = unique(groups.get(key) ?? []);
    const shown = keys.slice(0, MAX_KEYS).join(', ') + (keys.length > MAX_KEYS ? ` ${t(language, 'lens.more', keys.length - MAX_KEYS)}` : '');
    const label = pick(entry.annotations.find((a) => a.resolution.labelKey === key)?.resolution.label ?? { en: key, zh: key }, language);
    parts.push(t(language, 'lens.act', label, shown));
  }
  if (ordered.length > MAX_GROUPS) parts.push(t(language, 'lens.more', ordered.slice(MAX_GROUPS).reduce((n, key) => n + unique(groups.get(key) ?? []).length, 0)));
  return t(language, 'lens.summary', model, parts.join(' · '));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
