import * as path from 'path';
import type { Engine } from '../engine';
import type { Language } from '../i18n/language';
import { loadCustomRules } from '../rules/custom';
import { readContractOption } from './contract';

/** What configures a scan's engine besides the built-in data: the same in the main thread and in every worker. */
export interface EngineSetup {
  /** The working directory: custom rules are read from its `.rlens/rules/`. */
  readonly cwd: string;
  /** `--contract FILE`, relative to `cwd`. */
  readonly contractFile?: string;
  readonly language: Language;
}

/**
 * Applies the workspace's custom rules and the contract to an engine. Returns the custom-rule problems as
 * printable lines (`file:line: message`); when there are any, nothing is applied and the scan must stop.
 * A missing or invalid contract throws a UsageError.
 */
export function configureScanEngine(engine: Engine, setup: EngineSetup): string[] {
  const custom = loadCustomRules(setup.cwd, engine.knowledge, path.join(engine.assets.matricesDir, 'schema'), new Set(engine.rules.map((r) => r.id)));
  const problems: string[] = [];
  for (const [file, list] of custom.problems) {
    for (const problem of list) problems.push(`${path.relative(setup.cwd, file)}:${problem.range.start.line + 1}: ${problem.message}`);
  }
  if (problems.length > 0) return problems;
  engine.setCustomRules(custom.rules);
  if (setup.contractFile !== undefined) engine.setContract(readContractOption(setup.contractFile, engine, setup.cwd, setup.language));
  return [];
}
