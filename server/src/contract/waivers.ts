import { both } from '../i18n/messages';
import type { Text } from '../matrices/types';
import type { Finding } from '../rules/types';
import type { Waiver } from './contract';
import { maskSecretsIn } from '../rules/secrets/displaySafe';

/** The rule id of the finding an expired waiver raises, in the contract file. */
export const EXPIRED_WAIVER_RULE = 'contract-waiver-expired';

/** Today as YYYY-MM-DD in local time: a waiver "until 2025-06-30" holds for the whole of that day where the user is. */
export function isoDay(today: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

export function isExpired(waiver: Waiver, today: Date): boolean {
  // Both are YYYY-MM-DD, so comparing the strings compares the days.
  return waiver.expires < isoDay(today);
}

/**
 * Marks the findings an unexpired waiver covers as suppressed (they stay in reports, like comment suppressions).
 * Runs after the comment suppressions, which win: the finding keeps the reason written next to the code.
 */
export function applyWaivers(findings: readonly Finding[], waivers: readonly Waiver[], today: Date): Finding[] {
  const active = waivers.filter((w) => !isExpired(w, today));
  if (active.length === 0) return [...findings];
  return findings.map((finding) => {
    if (finding.suppressed) return finding;
    const waiver = active.find((w) => w.rule === finding.ruleId && coversResource(w, finding));
    return waiver ? { ...finding, suppressed: { by: 'contract waiver', reason: maskSecretsIn(waiver.reason) } } : finding;
  });
}

function coversResource(waiver: Waiver, finding: Finding): boolean {
  if (waiver.resource === undefined) return true;
  const resource = finding.resource;
  if (!resource) return false;
  // Terraform resources are named type.name; ROS resources by their logical id alone.
  return waiver.resource === `${resource.type}.${resource.name}` || waiver.resource === resource.name;
}

export function expiredWaivers(waivers: readonly Waiver[], today: Date): Waiver[] {
  return waivers.filter((w) => isExpired(w, today));
}

/** The reason is free text from the contract: a key written into it is shown masked. */
export function expiredWaiverMessage(waiver: Waiver): Text {
  return both('contract.waiverExpired', maskSecretsIn(waiver.rule), maskSecretsIn(waiver.expires), maskSecretsIn(waiver.reason));
}
