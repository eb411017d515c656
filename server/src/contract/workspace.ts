import * as fs from 'fs';
import * as path from 'path';
import type { Language } from '../i18n/language';
import type { Knowledge } from '../matrices/types';
import type { ContractStatus } from '../protocol/protocol';
import { CONTRACT_FILE, readContract, type Contract, type ContractProblem } from './contract';

export interface WorkspaceContract {
  readonly status: ContractStatus;
  readonly contract: Contract | null;
  /** The contract file found, if any, and its problems (empty when valid). */
  readonly file?: string;
  readonly problems: readonly ContractProblem[];
}

/**
 * The contract of the first workspace folder that has one. An untrusted workspace's contract is not read — it
 * changes who the product says is responsible, so it is treated like code from the workspace. `openText` gives
 * the editor's text of an open file, so an unsaved edit takes effect at once.
 */
export function workspaceContract(
  roots: readonly string[],
  trusted: boolean,
  knowledge: Knowledge,
  schemaDir: string,
  language: Language,
  openText: (file: string) => string | undefined,
): WorkspaceContract {
  for (const root of roots) {
    const file = path.join(root, CONTRACT_FILE);
    let text = openText(file);
    if (text === undefined) {
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
    }
    if (!trusted) return { status: 'untrusted', contract: null, file, problems: [] };
    const { contract, problems } = readContract(text, file, knowledge, schemaDir, language);
    return { status: contract ? 'loaded' : 'invalid', contract, file, problems };
  }
  return { status: 'none', contract: null, problems: [] };
}
