import type { MatrixRow, PartyCell, Text } from '../matrices/types';
import type { Contract, ContractDuty, Reassignment } from './contract';

/**
 * Applies a contract to a row already resolved for a deployment mode (the contract is the most specific source, so
 * it comes last): the chosen option of a negotiable row, then the vendors, then the reassignments. Every cell the
 * contract sets has origin `contract`, and `contractNote` says why, for the hover.
 * `resourceType` selects the reassignments written for one resource type; without it only the general ones apply.
 */
export function applyContract(row: MatrixRow, contract: Contract | null | undefined, resourceType?: string): MatrixRow {
  if (!contract) return row;
  let result = row;
  const notes: Text[] = [];

  const option = contract.negotiable.get(row.serviceModel)?.get(row.id);
  const chosen = option !== undefined ? row.negotiation?.options.find((o) => o.id === option) : undefined;
  if (chosen) {
    // The option's texts say what each party does; a party with no text under the option does nothing.
    result = {
      ...result,
      provider: { duty: chosen.provider ? 'yes' : 'no', note: chosen.provider, origin: 'contract' },
      customer: { duty: chosen.customer ? 'yes' : 'no', note: chosen.customer, origin: 'contract' },
    };
    notes.push({ zh: `合同选定划分方式 ${chosen.id}）`, en: `The contract chose option ${chosen.id})` });
  }

  for (const vendor of contract.vendors) {
    if (!vendor.items.includes(row.id)) continue;
    if (vendor.serviceModels && !vendor.serviceModels.includes(row.serviceModel)) continue;
    const by: Text = vendor.contractedBy === 'customer' ? { zh: '由客户签约', en: 'contracted by the customer' } : { zh: '由云服务商签约', en: 'contracted by the provider' };
    const note: Text = { zh: `${vendor.name}（${by.zh}）`, en: `${vendor.name} (${by.en})` };
    result = { ...result, vendor: { duty: vendor.duty ?? 'yes', note, origin: 'contract' } };
    notes.push({ zh: `云安全厂商：${note.zh}`, en: `Security vendor: ${note.en}` });
  }

  for (const reassignment of contract.reassignments) {
    if (!reassignmentApplies(reassignment, row, resourceType)) continue;
    result = {
      ...result,
      provider: reassigned(result.provider, reassignment.provider),
      customer: reassigned(result.customer, reassignment.customer),
      vendor: reassigned(result.vendor, reassignment.vendor),
    };
    notes.push({ zh: `合同改派：${reassignment.reason}`, en: `Reassigned by the contract: ${reassignment.reason}` });
  }

  if (notes.length === 0) return result;
  const previous = result.contractNote ? [result.contractNote] : [];
  const all = [...previous, ...notes];
  return { ...result, contractNote: { zh: all.map((n) => n.zh).join('；'), en: all.map((n) => n.en).join('; ') } };
}

function reassignmentApplies(reassignment: Reassignment, row: MatrixRow, resourceType: string | undefined): boolean {
  if (reassignment.item !== row.id) return false;
  if (reassignment.serviceModel && reassignment.serviceModel !== row.serviceModel) return false;
  // A resource-scoped reassignment must not leak into the service-model-wide rows (the matrix, other resources).
  return reassignment.resourceType === undefined || reassignment.resourceType === resourceType;
}

/** The standard's note stays when the duty does not change: it still says what the party does. */
function reassigned(cell: PartyCell, duty: ContractDuty | undefined): PartyCell {
  if (!duty) return cell;
  return { duty, note: duty === cell.duty ? cell.note : null, origin: 'contract' };
}

/** True when a reassignment is scoped to a resource type: the resolver cannot cache those rows per service model. */
export function hasResourceScopedReassignment(contract: Contract | null | undefined, itemId: string): boolean {
  return contract?.reassignments.some((r) => r.item === itemId && r.resourceType !== undefined) === true;
}
