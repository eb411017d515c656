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

/**
 * The few words of an inlay hint: "客户 · 设置安全组" / "Customer · Security group setup", and
 * "客户（合同） · …" when the workspace's contract rather than the standard decides it.
 */
export function hintLabel(annotation: Annotation, language: Language): string {
  const primary = annotation.rows[0] as MatrixRow;
  const party = responsibilityLabel(annotation.responsibility, language);
  return `${fromContract(primary) ? t(language, 'origin.contractHint', party) : party} · ${pick(primary.item, language)}`;
}

export function fromContract(row: MatrixRow): boolean {
  return row.provider.origin === 'contract' || row.customer.origin === 'contract' || row.vendor.origin === 'contract';
}
