import { pick, type Language } from '../i18n/language';
import { t } from '../i18n/messages';
import { mappingFor } from '../matrices/lookup';
import type { RowResolver } from '../matrices/resolve';
import { responsibilityOf } from '../matrices/resolve';
import type { Knowledge, MatrixRow, ServiceModel } from '../matrices/types';
import type { Finding, RuleMeta, Severity } from '../rules/types';
import { responsibilityLabel } from './labels';

/** A finding as a person reads it, in one language, with the responsibility row it concerns. */
export interface FindingView {
  readonly text: string;
  readonly severity: Severity;
  readonly row: MatrixRow | undefined;
}

/** The service model of the finding's resource, IaaS when the resource is not mapped (provider, parameters). */
export function serviceModelOf(knowledge: Knowledge, finding: Finding, isRos: boolean): ServiceModel {
  return (finding.resource && mappingFor(knowledge, finding.resource, isRos)?.serviceModel) || 'iaas';
}

/** "客户 · 设置安全组：入方向规则允许 0.0.0.0/0 …" — who answers for it, which item, then the finding. */
export function findingView(finding: Finding, meta: RuleMeta | undefined, knowledge: Knowledge, resolver: RowResolver, isRos: boolean, language: Language, severity: Severity): FindingView {
  const row = meta ? resolver.row(serviceModelOf(knowledge, finding, isRos), meta.item) : undefined;
  const prefix = row ? t(language, 'finding.prefix', responsibilityLabel(responsibilityOf(row), language), pick(row.item, language)) : '';
  return { text: `${prefix}${pick(finding.message, language)}`, severity, row };
}
