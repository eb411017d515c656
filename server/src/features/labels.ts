import { pick, type Language } from '../i18n/language';
import { t } from '../i18n/messages';
import type { Responsibility } from '../matrices/resolve';
import type { Duty, MatrixRow, PartyId } from '../matrices/types';
import type { Annotation } from './annotations';

export function responsibilityLabel(responsibility: Responsibility, language: Language): string {
  return t(language, `responsibility.${responsibility}`);
}

export function dutyLabel(duty: Duty, language: Language): string {
  return t(language, `duty.${duty}`);
}

export function partyLabel(party: PartyId, language: Language): string {
  return t(language, `party.${party}`);
}

/** The few words of a setting's inlay hint: the resolver's label, e.g. "Customer sets · cloud offers" / "客户配置 · 云商提供". */
export function hintLabel(annotation: Annotation, language: Language): string {
  return pick(annotation.resolution.label, language);
}

export function fromContract(row: MatrixRow): boolean {
  return row.provider.origin === 'contract' || row.customer.origin === 'contract' || row.vendor.origin === 'contract';
}
