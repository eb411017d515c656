import type { MatrixRow } from '../matrices/types';
import type { RuleMeta } from './types';

/**
 * docs/rules/<id>.md and the index, written from the rules' metadata so they cannot drift from what the
 * engine reports. English first, then Chinese, on one page: diagnostics link to it whatever the language.
 */

const PARTY_EN: Record<string, string> = { yes: '✓', no: '×', negotiable: 'negotiable', supporting: 'supports' };
const PARTY_ZH: Record<string, string> = { yes: '✓', no: '×', negotiable: '可协商', supporting: '支持' };

export function ruleDoc(meta: RuleMeta, row: MatrixRow | undefined): string {
  const xref = Object.entries(meta.xref)
    .filter(([, ids]) => (ids as string[]).length > 0)
    .map(([tool, ids]) => `${tool}: ${(ids as string[]).map((id) => `\`${id}\``).join(', ')}`);
  const applies = [...meta.appliesTo.terraform.map((t) => `\`${t}\``), ...meta.appliesTo.ros.map((t) => `\`${t}\``)].join(', ') || '—';
  const responsibility = row
    ? {
        en: `${row.item.en} (${row.category.name.en}${row.scope ? ` / ${row.scope.name.en}` : ''}), ${row.table.en}: provider ${PARTY_EN[row.provider.duty]}, customer ${PARTY_EN[row.customer.duty]}`,
        zh: `${row.item.zh}（${row.category.name.zh}${row.scope ? ` / ${row.scope.name.zh}` : ''}），${row.table.zh}：云服务提供者 ${PARTY_ZH[row.provider.duty]}，云服务客户 ${PARTY_ZH[row.customer.duty]}`,
      }
    : { en: meta.item, zh: meta.item };
  return [
    `# ${meta.id}`,
    '',
    `**${meta.title.en}** · ${meta.title.zh}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Severity · 严重程度 | ${meta.severity} |`,
    `| Family · 类别 | ${meta.family} |`,
    `| Responsibility · 责任项 | ${responsibility.en}<br>${responsibility.zh} |`,
    `| Applies to · 适用于 | ${applies} |`,
    `| Peer rules · 对应规则 | ${xref.join('<br>') || '—'} |`,
    '',
    '## Why it matters',
    '',
    meta.rationale.en,
    '',
    '## How to fix',
    '',
    meta.remediation.en,
    '',
    '## 为什么重要',
    '',
    meta.rationale.zh,
    '',
    '## 如何修复',
    '',
    meta.remediation.zh,
    '',
    '## Suppress · 抑制',
    '',
    '```hcl',
    `# rlens:ignore ${meta.id} <reason / 原因>`,
    '```',
    ...(meta.references.length > 0 ? ['', '## References · 参考', '', ...meta.references.map((url) => `- ${url}`)] : []),
    '',
  ].join('\n');
}

export function ruleIndex(metas: readonly RuleMeta[]): string {
  const byFamily = new Map<string, RuleMeta[]>();
  for (const meta of metas) byFamily.set(meta.family, [...(byFamily.get(meta.family) ?? []), meta]);
  const lines = ['# Rules · 规则', '', `${metas.length} rules. Generated from the rules' metadata by \`npm run docs:rules\`; do not edit by hand.`, '', `共 ${metas.length} 条规则，由 \`npm run docs:rules\` 根据规则元数据生成，请勿手工修改。`, ''];
  for (const [family, list] of byFamily) {
    lines.push(`## ${family}`, '', '| id | severity | title | 标题 |', '|---|---|---|---|');
    for (const meta of [...list].sort((a, b) => a.id.localeCompare(b.id))) lines.push(`| [${meta.id}](${meta.id}.md) | ${meta.severity} | ${meta.title.en} | ${meta.title.zh} |`);
    lines.push('');
  }
  return lines.join('\n');
}
