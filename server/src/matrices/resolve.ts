import { applyContract, hasResourceScopedReassignment } from '../contract/apply';
import type { Contract } from '../contract/contract';
import { t } from '../i18n/messages';
import type { DeploymentMode, Duty, MatrixRow, ModeOverride, PartyCell, PartyId, ResponsibilityModel, ServiceModel, Text } from './types';

/**
 * The rows of a service model with a deployment mode applied, then the workspace's contract when there is one
 * (its resource-type-scoped reassignments excepted: they apply per resource, through RowResolver).
 */
export function resolveRows(model: ResponsibilityModel, serviceModel: ServiceModel, mode: DeploymentMode, contract?: Contract | null): MatrixRow[] {
  const rows = modeRows(model, serviceModel, mode);
  return contract ? rows.map((row) => applyContract(row, contract)) : rows;
}

/**
 * The rows of a service model with a deployment mode applied. Each override of the mode that matches the row (by
 * category or item, and by service model when it names some) replaces the duties it names and records why; the
 * standard's cell notes stay for context. The 2024 model has no item tables, so every override is our reading of it:
 * the note says so, and cites the passage it rests on.
 */
function modeRows(model: ResponsibilityModel, serviceModel: ServiceModel, mode: DeploymentMode): MatrixRow[] {
  const rows = model.rows.get(serviceModel) ?? [];
  const definition = model.modes.get(mode);
  if (!definition || definition.overrides.length === 0) return [...rows];
  return rows.map((row) => {
    let resolved = row;
    for (const override of definition.overrides) {
      if (!overrideMatches(override, row)) continue;
      resolved = {
        ...resolved,
        provider: overridden(resolved.provider, override.provider),
        customer: overridden(resolved.customer, override.customer),
        vendor: overridden(resolved.vendor, override.vendor),
        modeNote: override.note ? ourReading(override.note, override.source) : resolved.modeNote,
      };
    }
    return resolved;
  });
}

function overrideMatches(override: ModeOverride, row: MatrixRow): boolean {
  if (override.serviceModels && !override.serviceModels.includes(row.serviceModel)) return false;
  return override.categories.includes(row.category.id) || override.items.includes(row.id);
}

/** An override's note, marked as our reading of the 2024 model and followed by its source. */
function ourReading(note: Text, source: Text | null): Text {
  const basis = source ?? { zh: '—', en: '—' };
  return { zh: t('zh-cn', 'mode.ourReading', note.zh, basis.zh), en: t('en', 'mode.ourReading', note.en, basis.en) };
}

function overridden(cell: PartyCell, duty: Duty | undefined): PartyCell {
  if (!duty || duty === cell.duty) return cell;
  return { duty, note: null, origin: 'deployment-mode' };
}

/** Resolves single items, caching the mode- and contract-applied rows of each service model. */
export class RowResolver {
  private readonly cache = new Map<ServiceModel, Map<string, MatrixRow>>();
  private readonly modeCache = new Map<ServiceModel, Map<string, MatrixRow>>();

  constructor(
    private readonly model: ResponsibilityModel,
    readonly mode: DeploymentMode,
    readonly contract: Contract | null = null,
  ) {}

  /** `resourceType` lets a contract's reassignment for one resource type apply to that resource's settings. */
  row(serviceModel: ServiceModel, itemId: string, resourceType?: string): MatrixRow | undefined {
    if (resourceType !== undefined && hasResourceScopedReassignment(this.contract, itemId)) {
      const base = cached(this.modeCache, serviceModel, () => modeRows(this.model, serviceModel, this.mode)).get(itemId);
      return base ? applyContract(base, this.contract, resourceType) : undefined;
    }
    return cached(this.cache, serviceModel, () => resolveRows(this.model, serviceModel, this.mode, this.contract)).get(itemId);
  }
}

function cached(cache: Map<ServiceModel, Map<string, MatrixRow>>, serviceModel: ServiceModel, rows: () => MatrixRow[]): Map<string, MatrixRow> {
  let byId = cache.get(serviceModel);
  if (!byId) {
    byId = new Map(rows().map((row) => [row.id, row]));
    cache.set(serviceModel, byId);
  }
  return byId;
}

/** Who answers for a row, in one word: the label of a hint and the colour of a lens. */
export type Responsibility = 'customer' | 'provider' | 'shared' | 'negotiable' | 'vendor' | 'none';

export function responsibilityOf(row: MatrixRow): Responsibility {
  const bears = (party: PartyId): boolean => row[party].duty === 'yes';
  if (row.provider.duty === 'negotiable' || row.customer.duty === 'negotiable') return 'negotiable';
  const bearing = (['provider', 'customer', 'vendor'] as const).filter(bears);
  if (bearing.length > 1) return 'shared';
  if (bearing.length === 1) return bearing[0] as Responsibility;
  return 'none';
}

/** True when the customer carries a duty for the row: alone, shared, or possibly under negotiation. */
export function customerBearsDuty(row: MatrixRow): boolean {
  return row.customer.duty === 'yes' || row.customer.duty === 'negotiable';
}
