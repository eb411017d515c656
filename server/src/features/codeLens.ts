import type { Language } from '../i18n/language';
import { t } from '../i18n/messages';
import type { Responsibility } from '../matrices/resolve';
import type { ResourceAnnotations } from './annotations';
import { responsibilityLabel } from './labels';

const ORDER: readonly Responsibility[] = ['customer', 'shared', 'negotiable', 'vendor', 'provider', 'none'];

/** "IaaS · Customer 3 · Shared 2 · Provider 1": the service model and who owns the resource's mapped settings. */
export function lensTitle(entry: ResourceAnnotations, language: Language): string {
  const counts = new Map<Responsibility, number>();
  for (const annotation of entry.annotations) counts.set(annotation.responsibility, (counts.get(annotation.responsibility) ?? 0) + 1);
  const summary = ORDER.filter((r) => counts.has(r))
    .map((r) => t(language, 'lens.count', responsibilityLabel(r, language), counts.get(r) ?? 0))
    .join(' · ');
  return t(language, 'lens.summary', t(language, `serviceModel.${entry.mapping.serviceModel}`), summary || t(language, 'lens.none'));
}
