import type { Contract } from '../contract/contract';
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
    labelled('部署模式', 'Deployment mode', row.modeNote),
    labelled('合同', 'Contract', row.contractNote ?? null),
  ].filter((part): part is Text => part !== null);
  const source: Text = row.negotiation
    ? { zh: `${row.table.zh}；${row.negotiation.table.zh} 第 ${row.negotiation.number} 项`, en: `${row.table.en}; ${row.negotiation.table.en}, no. ${row.negotiation.number}` }
    : row.table;
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
    source,
  };
}

export function matrixCsv(rows: readonly MatrixRowJson[]): string {
  const header = ['id', 'service_model', 'category_zh', 'category_en', 'scope_zh', 'scope_en', 'item_zh', 'item_en', 'provider', 'customer', 'vendor', 'options', 'note_zh', 'note_en', 'source_zh'];
  const lines = rows.map((r) =>
    [
      r.id, r.serviceModel, r.category.zh, r.category.en, r.scope?.zh ?? '', r.scope?.en ?? '', r.item.zh, r.item.en,
      r.provider, r.customer, r.vendor, r.options.map((o) => o.id).join(' '), r.note?.zh ?? '', r.note?.en ?? '', r.source.zh,
    ].map(csvCell).join(','),
  );
  return [header.join(','), ...lines].join('\n');
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function matrixMarkdown(rows: readonly MatrixRowJson[], language: 'en' | 'zh-cn'): string {
  const pickText = (text: Text | null): string => (text ? (language === 'zh-cn' ? text.zh : text.en) : '');
  const mark: Record<Duty, string> = { yes: '✓', no: '×', negotiable: language === 'zh-cn' ? '可协商' : 'negotiable', supporting: language === 'zh-cn' ? '支持' : 'supporting' };
  const head = language === 'zh-cn'
    ? '| 服务模式 | 类别 | 范围 | 责任项 | 云服务商 | 客户 | 云安全厂商 | 出处 |'
    : '| Model | Category | Scope | Item | Provider | Customer | Vendor | Source |';
  const lines = rows.map((r) =>
    `| ${r.serviceModel.toUpperCase()} | ${pickText(r.category)} | ${pickText(r.scope)} | ${pickText(r.item)} | ${mark[r.provider]} | ${mark[r.customer]} | ${mark[r.vendor]} | ${pickText(r.source)} |`,
  );
  return [head, '|---|---|---|---|---|---|---|---|', ...lines].join('\n');
}
