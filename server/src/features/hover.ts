import { pick, type Language } from '../i18n/language';
import { t } from '../i18n/messages';
import { responsibilityOf } from '../matrices/resolve';
import type { DeploymentModeDefinition, MatrixRow, PartyId } from '../matrices/types';
import type { Annotation } from './annotations';
import { dutyLabel, partyLabel, responsibilityLabel } from './labels';
import { maskSecretsIn } from '../rules/secrets/displaySafe';

/**
 * Markdown explaining an annotation, in the order a security engineer reads it: the verdict for this setting and
 * this value, what the customer must do and what the provider does, why the label says so, then the standard's
 * row (both cells, table, options, contract, deployment mode) and the provider's own words. Every string taken
 * from the template (keys, values, names) is escaped: a template cannot inject links, images or HTML.
 */
export function hoverMarkdown(annotation: Annotation, mode: DeploymentModeDefinition | undefined, language: Language): string {
  const [primary, ...others] = annotation.rows;
  if (!primary) return '';
  const resolution = annotation.resolution;
  const acting = resolution.acting;
  const key = `**${escapeMarkdown(annotation.setting.key)}**`;
  const verdict = resolution.verdict
    ? `${key} — ${escapeMarkdown(pick(resolution.verdict.text, language))}`
    : t(language, 'hover.verdictDefault', key, pick(acting.decides, language), pick(acting.customer, language));
  const parts = [verdict, `*${pick(resolution.label, language)}* · ${pick(primary.item, language)}`];
  parts.push(`${t(language, 'hover.customerMust', pick(acting.customer, language))}  \n${t(language, 'hover.providerDoes', pick(acting.provider, language))}`);
  parts.push(t(language, 'hover.why', pick(resolution.reason, language)));
  if (annotation.valueLabel) parts.push(t(language, 'hover.valueCase', pick(annotation.valueLabel, language)));
  // Where a referenced value is written, never the value itself: it may be a secret.
  const resolved = annotation.setting.resolved;
  if (resolved) parts.push(t(language, 'hover.valueFrom', escapeMarkdown(maskSecretsIn(resolved.via)), resolved.range.start.line + 1));
  parts.push(`---\n**${t(language, 'hover.standardRow')}**`);
  parts.push(rowSection(primary, language));
  const resourceName = maskSecretsIn([annotation.resource.type, annotation.resource.name].filter(Boolean).join(' '));
  parts.push(
    t(
      language,
      'hover.context',
      t(language, `serviceModel.${annotation.serviceModel}`),
      mode ? pick(mode.name, language) : '',
      `${escapeMarkdown(resourceName)} (${pick(annotation.product, language)})`,
    ),
  );
  if (others.length > 0) {
    parts.push(`---\n${t(language, 'hover.alsoItem')}`);
    for (const row of others) parts.push(rowSection(row, language));
  }
  const statement = acting.statement;
  if (statement) {
    const where = statement.url ? t(language, 'hover.statementDated', pick(statement.source, language), statement.url, statement.date ?? '') : pick(statement.source, language);
    parts.push(`---\n${t(language, 'hover.statement', where, pick(statement.quote, language))}`);
  }
  return parts.join('\n\n');
}

/**
 * Text from a template as literal Markdown: every ASCII punctuation character CommonMark could read as syntax is
 * backslash-escaped (links, images, emphasis, code spans, HTML tags, tables), and line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, (c) => `\\${c}`);
}

function rowSection(row: MatrixRow, language: Language): string {
  const lines: string[] = [];
  lines.push(`**${t(language, 'hover.title', pick(row.item, language), responsibilityLabel(responsibilityOf(row), language))}**`);
  const where = [t(language, 'hover.category', pick(row.category.name, language))];
  if (row.scope) where.push(t(language, 'hover.scope', pick(row.scope.name, language)));
  lines.push('');
  lines.push(where.join(' · '));
  if (row.definition) lines.push('', t(language, 'hover.definition', pick(row.definition, language)));
  lines.push('');
  lines.push(`| ${t(language, 'hover.partyColumn')} | ${t(language, 'hover.dutyColumn')} | ${t(language, 'hover.whatColumn')} |`);
  lines.push('|---|---|---|');
  for (const party of ['provider', 'customer', 'vendor'] as const satisfies readonly PartyId[]) {
    const cell = row[party];
    if (party === 'vendor' && cell.duty === 'no') continue;
    const origin = cell.origin === 'standard' ? '' : ` ${t(language, `origin.${cell.origin}`)}`;
    const note = cell.note ? escapeCell(pick(cell.note, language)) : '';
    lines.push(`| ${partyLabel(party, language)} | ${dutyLabel(cell.duty, language)}${origin} | ${note} |`);
  }
  if (row.negotiation) {
    lines.push('');
    // Once the contract has chosen, "not chosen" would be wrong: the options stay listed for reference.
    const settled = row.provider.duty !== 'negotiable' && row.customer.duty !== 'negotiable';
    lines.push(t(language, settled ? 'hover.negotiableChosen' : 'hover.negotiable', pick(row.negotiation.table, language), row.negotiation.number));
    for (const option of row.negotiation.options) {
      const provider = option.provider ? pick(option.provider, language) : t(language, 'hover.nothing');
      const customer = option.customer ? pick(option.customer, language) : t(language, 'hover.nothing');
      lines.push(`- ${t(language, 'hover.option', option.id, provider, customer)}`);
    }
  }
  if (row.contractNote) {
    lines.push('');
    lines.push(t(language, 'hover.contractNote', pick(row.contractNote, language)));
  }
  if (row.modeNote) {
    lines.push('');
    lines.push(t(language, 'hover.modeNote', pick(row.modeNote, language)));
  }
  lines.push('');
  if (row.inheritedFrom) {
    const note = row.inheritedFrom.note ? pick(row.inheritedFrom.note, language) : '';
    lines.push(t(language, 'hover.inherited', t(language, `serviceModel.${row.inheritedFrom.serviceModel}`), note));
  }
  const rowPath = [row.category.name, row.scope?.name, row.item].filter(Boolean).map((text) => pick(text!, language)).join(' / ');
  lines.push(`_${t(language, 'hover.source', pick(row.table, language), rowPath)} — ${t(language, 'hover.standard')}_`);
  return lines.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
