import { languageFrom, type Language } from '../i18n/language';
import { DEPLOYMENT_MODES, type DeploymentMode } from '../matrices/types';
import type { AnnotationsSetting, RlensSettings } from '../protocol/protocol';
import { SEVERITIES, type Severity } from '../rules/types';

/** Settings with defaults filled in and unknown values replaced by the default. */
export interface EffectiveSettings {
  readonly annotations: AnnotationsSetting;
  /** `responsibilityLens.severity.<ruleId>`: a severity, or `off` to silence the rule in the editor. */
  readonly severityOverrides: ReadonlyMap<string, Severity | 'off'>;
  readonly mode: DeploymentMode;
  readonly language: Language;
  readonly maxLength: number;
  /** Show a hint on every mapped setting instead of folding repeats (responsibilityLens.showRepeatedHints). */
  readonly showRepeatedHints: boolean;
}

export const DEFAULT_MAX_FILE_SIZE_KB = 5120;

export function effectiveSettings(raw: RlensSettings | null | undefined, locale: string | undefined): EffectiveSettings {
  const annotations = raw?.annotations === 'customer' || raw?.annotations === 'off' ? raw.annotations : 'all';
  const mode = (DEPLOYMENT_MODES as readonly string[]).includes(raw?.deploymentMode ?? '') ? (raw?.deploymentMode as DeploymentMode) : 'public-cloud';
  const sizeKB = typeof raw?.maxFileSizeKB === 'number' && raw.maxFileSizeKB > 0 ? raw.maxFileSizeKB : DEFAULT_MAX_FILE_SIZE_KB;
  const severityOverrides = new Map<string, Severity | 'off'>();
  for (const [ruleId, value] of Object.entries(raw?.severity ?? {})) {
    if (value === 'off' || (SEVERITIES as readonly string[]).includes(value)) severityOverrides.set(ruleId, value as Severity | 'off');
  }
  return { annotations, mode, language: languageFrom(raw?.language, locale), maxLength: sizeKB * 1024, severityOverrides, showRepeatedHints: raw?.showRepeatedHints === true };
}
