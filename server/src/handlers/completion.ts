import { CompletionItemKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { isContractFile } from '../contract/contract';
import { pick } from '../i18n/language';
import { t } from '../i18n/messages';
import { DEPLOYMENT_MODES, type MatrixRow } from '../matrices/types';
import type { HandlerContext } from './context';

/**
 * Completion in the contract file only: option ids after a negotiable row's id (`os.host-monitoring: |`),
 * deployment modes after `deploymentMode:`, and item ids everywhere else.
 */
export function onCompletion(context: HandlerContext, params: CompletionParams): CompletionItem[] {
  if (!isContractFile(URI.parse(params.textDocument.uri).fsPath)) return [];
  const document = context.documents.get(params.textDocument.uri);
  if (!document) return [];
  const language = context.settings().language;
  const line = document.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
  // The word under the cursor is replaced whole: item ids contain dots, which end an editor "word".
  const word = /[A-Za-z0-9._-]*$/.exec(line)?.[0] ?? '';
  const range = { start: { line: params.position.line, character: params.position.character - word.length }, end: params.position };
  const rows = [...context.engine.knowledge.model.rows.values()].flat();

  const key = /^\s*(?:-\s*)?([A-Za-z0-9._-]+):\s+[A-Za-z0-9._-]*$/.exec(line)?.[1];
  if (key === 'deploymentMode') {
    return DEPLOYMENT_MODES.map((mode) => {
      const name = context.engine.knowledge.model.modes.get(mode)?.name;
      return { label: mode, kind: CompletionItemKind.EnumMember, detail: name ? pick(name, language) : '', textEdit: { range, newText: mode } };
    });
  }
  const negotiable = key ? rows.find((row) => row.id === key && row.negotiation) : undefined;
  if (negotiable?.negotiation) {
    const nothing = t(language, 'hover.nothing');
    return negotiable.negotiation.options.map((option) => ({
      label: option.id,
      kind: CompletionItemKind.EnumMember,
      documentation: t(language, 'completion.option', option.id, option.provider ? pick(option.provider, language) : nothing, option.customer ? pick(option.customer, language) : nothing),
      textEdit: { range, newText: option.id },
    }));
  }
  // Each item once, even though inherited rows repeat it in several service models.
  const seen = new Map<string, MatrixRow>();
  for (const row of rows) if (!seen.has(row.id)) seen.set(row.id, row);
  return [...seen.values()].map((row) => ({
    label: row.id,
    kind: row.negotiation ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
    detail: `${pick(row.item, language)} · ${pick(row.category.name, language)}${row.negotiation ? ` · ${t(language, 'responsibility.negotiable')}` : ''}`,
    textEdit: { range, newText: row.id },
  }));
}
