import { CONFIG_FILE_MAX_BYTES } from '../rules/custom';
import { readTextFile } from '../util/safeFile';
import * as path from 'path';
import { readContract, type Contract } from '../contract/contract';
import { EXPIRED_WAIVER_RULE, expiredWaiverMessage, expiredWaivers } from '../contract/waivers';
import type { Engine } from '../engine';
import type { Language } from '../i18n/language';
import { t } from '../i18n/messages';
import { UsageError } from './args';
import type { ReportedFinding } from './report';
import { maskSecretsIn } from '../rules/secrets/displaySafe';

/** Reads `--contract FILE`; a missing or invalid file is a usage error (exit 2) with a one-line message. */
export function readContractOption(file: string, engine: Engine, cwd: string, language: Language): Contract {
  const absolute = path.resolve(cwd, file);
  // The file named on the command line is read wherever it links to, but only a regular file of a sensible size.
  const read = readTextFile(absolute, { maxBytes: CONFIG_FILE_MAX_BYTES });
  if (!read.ok) throw new UsageError(t(language, 'contract.missing', file));
  const text = read.text;
  const { contract, problems } = readContract(text, absolute, engine.knowledge, path.join(engine.assets.matricesDir, 'schema'), language);
  if (!contract) {
    const first = problems[0];
    const where = first ? `${file}:${first.range.start.line + 1}` : file;
    const more = problems.length > 1 ? ` (+${problems.length - 1})` : '';
    throw new UsageError(t(language, 'contract.invalid', where, `${first?.message ?? ''}${more}`));
  }
  return contract;
}

/** Expired waivers as findings in the contract file, so a report shows them next to the findings they let back in. */
export function expiredWaiverFindings(contract: Contract, today: Date, cwd: string): ReportedFinding[] {
  const shown = maskSecretsIn((path.relative(cwd, contract.file) || contract.file).split(path.sep).join('/'));
  return expiredWaivers(contract.waivers, today).map((waiver) => ({
    ruleId: EXPIRED_WAIVER_RULE,
    severity: 'low',
    message: expiredWaiverMessage(waiver),
    file: shown,
    range: {
      start: { line: waiver.range.start.line + 1, column: waiver.range.start.character + 1 },
      end: { line: waiver.range.end.line + 1, column: waiver.range.end.character + 1 },
    },
    resource: null,
    responsibility: { id: '', item: { zh: '', en: '' }, parties: { provider: 'no', customer: 'yes', vendor: 'no' } },
    xref: {},
  }));
}
