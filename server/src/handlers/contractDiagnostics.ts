import * as path from 'path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { readContract, type Contract, type ContractProblem } from '../contract/contract';
import { EXPIRED_WAIVER_RULE, expiredWaiverMessage, expiredWaivers } from '../contract/waivers';
import type { Engine } from '../engine';
import { pick, type Language } from '../i18n/language';

const SOURCE = 'Responsibility Lens';

/** A problem in the contract file, as an error on the offending key. */
export function contractProblemDiagnostic(problem: ContractProblem): Diagnostic {
  return { range: problem.range, message: problem.message, severity: DiagnosticSeverity.Error, source: SOURCE, code: 'contract' };
}

/** Expired waivers, reported where they are written: the findings they covered are back. */
export function expiredWaiverDiagnostics(contract: Contract, today: Date, language: Language): Diagnostic[] {
  return expiredWaivers(contract.waivers, today).map((waiver) => ({
    range: waiver.range,
    message: pick(expiredWaiverMessage(waiver), language),
    severity: DiagnosticSeverity.Warning,
    source: SOURCE,
    code: EXPIRED_WAIVER_RULE,
  }));
}

/** Everything to say about a contract's text: its problems, or, when it is valid, its expired waivers. */
export function contractDiagnostics(engine: Engine, text: string, file: string, language: Language): Diagnostic[] {
  const { contract, problems } = readContract(text, file, engine.knowledge, path.join(engine.assets.matricesDir, 'schema'), language);
  if (!contract) return problems.map(contractProblemDiagnostic);
  return expiredWaiverDiagnostics(contract, engine.today(), language);
}
