import type { Contract } from '../contract/contract';
import { pick, type Language } from '../i18n/language';
import { t } from '../i18n/messages';
import { resolveRows } from '../matrices/resolve';
import type { DeploymentMode, Duty, MatrixRow, ResponsibilityModel, ServiceModel, Text } from '../matrices/types';

/** A row of `rlens matrix --format json`, in the shape DESIGN.md fixes. */
export interface MatrixRowJson {
  readonly id: string;
  readonly category: Text;
  readonly scope: Text | null;
  readonly item: Text;
  readonly definition: Text | null;
  readonly serviceModel: ServiceModel;
  readonly deploymentMode: DeploymentMode;
  readonly provider: Duty;
  readonly customer: Duty;
  readonly vendor: Duty;
  readonly note: Text | null;
  readonly notes: { readonly provider: Text | null; readonly customer: Text | null; readonly vendor: Text | null; readonly deploymentMode: Text | null };
  readonly options: readonly { readonly id: string; readonly provider: Text | null; readonly customer: Text | null }[];
  readonly source: Text;
}

export function matrixRows(model: ResponsibilityModel, serviceModels: readonly ServiceModel[], mode: DeploymentMode, contract: Contract | null = null): MatrixRowJson[] {
  return serviceModels.flatMap((serviceModel) => resolveRows(model, serviceModel, mode, contract).map((row) => toJson(row, mode)));
}

function toJson(row: MatrixRow, mode: DeploymentMode): MatrixRowJson {
  const labelled = (zh: string, en: string, text: Text | null): Text | null => (text ? { zh: `${zh}：${text.zh}`, en: `${en}: ${text.en}` } : null);
  const noteParts = [
    labelled('云服务提供者', 'Provider', row.provider.note),
    labelled('云服务客户', 'Customer', row.customer.note),
    labelled('云安全厂商', 'Security vendor', row.vendor.note),
    labelled('部署模式', 'Deployment mode', row.modeNote),
    labelled('合同', 'Contract', row.contractNote ?? null),
  ].filter((part): part is Text => part !== null);
  return {
    id: row.id,
    category: row.category.name,
    scope: row.scope?.name ?? null,
    item: row.item,
    definition: row.definition,
    serviceModel: row.serviceModel,
    deploymentMode: mode,
    provider: row.provider.duty,
    customer: row.customer.duty,
    vendor: row.vendor.duty,
    note: noteParts.length > 0 ? { zh: noteParts.map((p) => p.zh).join('\n'), en: noteParts.map((p) => p.en).join('\n') } : null,
    notes: { provider: row.provider.note, customer: row.customer.note, vendor: row.vendor.note, deploymentMode: row.modeNote },
    options: (row.negotiation?.options ?? []).map((o) => ({ id: o.id, provider: o.provider, customer: o.customer })),
    source: sourceOf(row),
  };
}

/**
 * The table a row comes from. An inherited row names the table that adopts it and the words it uses, then the table
 * whose cells it carries: "表3 …：同 IaaS 模式（表1 …）".
 */
function sourceOf(row: MatrixRow): Text {
  const own: Text = row.negotiation
    ? { zh: `${row.table.zh}；${row.negotiation.table.zh} 第 ${row.negotiation.number} 项`, en: `${row.table.en}; ${row.negotiation.table.en}, no. ${row.negotiation.number}` }
    : row.table;
  const inherited = row.inheritedFrom;
  if (!inherited) return own;
  const words = inherited.note ?? { zh: `同 ${inherited.serviceModel.toUpperCase()} 模式`, en: `Same as the ${inherited.serviceModel.toUpperCase()} model` };
  return { zh: t('zh-cn', 'matrix.inherited', inherited.table.zh, words.zh, own.zh), en: t('en', 'matrix.inherited', inherited.table.en, words.en, own.en) };
}

/** The negotiable options as the paper writes them: "a) provider: …; customer: ——" (—— where a party does nothing). */
function optionsText(options: MatrixRowJson['options'], language: Language): string[] {
  const party = language === 'zh-cn' ? { provider: '云服务提供者', customer: '云服务客户', sep: '：', join: '；' } : { provider: 'provider', customer: 'customer', sep: ': ', join: '; ' };
  const cell = (text: Text | null): string => (text ? pick(text, language) : '——');
  return options.map((o) => `${o.id}) ${party.provider}${party.sep}${cell(o.provider)}${party.join}${party.customer}${party.sep}${cell(o.customer)}`);
}

export function matrixCsv(rows: readonly MatrixRowJson[]): string {
  // Columns are only ever appended, so scripts reading the earlier ones keep working.
  const header = [
    'id', 'service_model', 'category_zh', 'category_en', 'scope_zh', 'scope_en', 'item_zh', 'item_en', 'provider', 'customer', 'vendor', 'options', 'note_zh', 'note_en', 'source_zh',
    'source_en', 'options_zh', 'options_en', 'definition_zh', 'definition_en',
  ];
  const lines = rows.map((r) =>
    [
      r.id, r.serviceModel, r.category.zh, r.category.en, r.scope?.zh ?? '', r.scope?.en ?? '', r.item.zh, r.item.en,
      r.provider, r.customer, r.vendor, r.options.map((o) => o.id).join(' '), r.note?.zh ?? '', r.note?.en ?? '', r.source.zh,
      r.source.en, optionsText(r.options, 'zh-cn').join('\n'), optionsText(r.options, 'en').join('\n'), r.definition?.zh ?? '', r.definition?.en ?? '',
    ].map(csvCell).join(','),
  );
  return [header.join(','), ...lines].join('\n');
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function matrixMarkdown(rows: readonly MatrixRowJson[], language: Language): string {
  const pickText = (text: Text | null): string => (text ? cellText(pick(text, language)) : '');
  const mark: Record<Duty, string> = { yes: '✓', no: '×', negotiable: language === 'zh-cn' ? '可协商' : 'negotiable', supporting: language === 'zh-cn' ? '支持' : 'supporting' };
  const head = language === 'zh-cn'
    ? '| 服务模式 | 类别 | 范围 | 责任项 | 云服务商 | 客户 | 云安全厂商 | 说明 | 协商划分方式 | 出处 |'
    : '| Model | Category | Scope | Item | Provider | Customer | Vendor | Notes | Negotiable options | Source |';
  const lines = rows.map((r) =>
    `| ${r.serviceModel.toUpperCase()} | ${pickText(r.category)} | ${pickText(r.scope)} | ${pickText(r.item)} | ${mark[r.provider]} | ${mark[r.customer]} | ${mark[r.vendor]} | ${pickText(r.note)} | ${optionsText(r.options, language).map(cellText).join('<br>')} | ${pickText(r.source)} |`,
  );
  return [head, '|---|---|---|---|---|---|---|---|---|---|', ...lines].join('\n');
}

/** Text inside one markdown table cell: a pipe would end the cell, a newline the row. */
function cellText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
