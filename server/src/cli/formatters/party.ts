/** The party a finding's responsibility makes answerable, read from the report's `responsibility` field. */
import { pick, type Language } from '../../i18n/language';
import { t } from '../../i18n/messages';
import type { Responsibility } from '../../matrices/resolve';
import type { ReportedFinding } from '../report';

const KNOWN: readonly Responsibility[] = ['customer', 'provider', 'shared', 'negotiable', 'vendor', 'none'];

/**
 * One word for who answers for the finding: the resolver's `party` (the hint on the same line says the same; the
 * CLI computes nothing) when the finding sits on a resolved setting, else from the
 * duties of its row (`negotiable` while provider or customer duty is to be negotiated, `shared` when more
 * than one party bears it).
 */
export function partyOf(finding: ReportedFinding): Responsibility {
  const given = finding.responsibility.party;
  if (given !== undefined && (KNOWN as readonly string[]).includes(given)) return given as Responsibility;
  const { provider, customer, vendor } = finding.responsibility.parties;
  if (provider === 'negotiable' || customer === 'negotiable') return 'negotiable';
  const bearing = (
    [
      ['provider', provider],
      ['customer', customer],
      ['vendor', vendor],
    ] as const
  ).filter(([, duty]) => duty === 'yes');
  if (bearing.length > 1) return 'shared';
  return bearing[0]?.[0] ?? 'none';
}

/** The party as the finding line shows it: the resolver's label when there is one (e.g. "Provider (contract)"). */
export function partyLabel(finding: ReportedFinding, language: Language): string {
  const label = finding.responsibility.label;
  return label ? pick(label, language) : t(language, `responsibility.${partyOf(finding)}`);
}
