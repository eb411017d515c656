/** The party a finding's responsibility row makes answerable, read from the report's `responsibility` field. */
import type { Responsibility } from '../../matrices/resolve';
import type { ReportedFinding } from '../report';

/**
 * One word for who answers for the finding's responsibility item, from the duties the report carries (the
 * CLI computes nothing here: the engine resolved the row). `negotiable` when provider or customer duty is
 * still to be negotiated, `shared` when more than one party bears it.
 */
export function partyOf(finding: ReportedFinding): Responsibility {
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
