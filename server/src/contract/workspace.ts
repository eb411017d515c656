import * as path from 'path';
import type { Language } from '../i18n/language';
import type { Knowledge } from '../matrices/types';
import type { ContractStatus } from '../protocol/protocol';
import { CONFIG_FILE_MAX_BYTES, configRefusal } from '../rules/custom';
import { readTextFile, realRoots } from '../util/safeFile';
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
      // Only a regular file inside the workspace folder, of a sensible size: a contract symlinked to a file
      // outside the workspace is reported, not followed.
      const read = readTextFile(file, { roots: realRoots([root]), maxBytes: CONFIG_FILE_MAX_BYTES });
      if (!read.ok && read.reason === 'unreadable') continue;
      if (!trusted) return { status: 'untrusted', contract: null, file, problems: [] };
      if (!read.ok) return { status: 'invalid', contract: null, file, problems: [{ message: configRefusal(read.reason, read.code), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
      text = read.text;
    }
    if (!trusted) return { status: 'untrusted', contract: null, file, problems: [] };
    const { contract, problems } = readContract(text, file, knowledge, schemaDir, language);
    return { status: contract ? 'loaded' : 'invalid', contract, file, problems };
  }
  return { status: 'none', contract: null, problems: [] };
}
