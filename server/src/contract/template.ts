import { SERVICE_MODELS, type Knowledge, type Text } from '../matrices/types';

/**
 * The text of a new `.rlens/contract.yaml`: every negotiable row of every service model with its options, in
 * Chinese and English, the choices commented out (a row stays "negotiable" until the customer picks), and short
 * commented examples of vendors, reassignments and waivers. The result reads as a valid, empty contract.
 */
export function contractTemplate(knowledge: Knowledge): string {
  const out: string[] = [
    '# Responsibility Lens 合同文件 · contract file',
    '# 记录与云服务商、云安全厂商的合同约定；覆盖标准（YD/T 4060-2022）的默认划分。',
    '# What your contract with the provider and security vendors settles; it overrides the standard\'s default split.',
    '',
    '# 部署模式（优先于设置 responsibilityLens.deploymentMode）· Deployment mode (wins over the setting):',
    '# public-cloud | cloud-software | cloud-software-managed',
    '# deploymentMode: public-cloud',
    '',
    '# 可协商责任项：取消注释并选定划分方式 · Negotiable rows: uncomment a line and choose an option.',
    'negotiable:',
  ];
  for (const serviceModel of SERVICE_MODELS) {
    const rows = (knowledge.model.rows.get(serviceModel) ?? []).filter((row) => row.negotiation);
    out.push(`  ${serviceModel}:`);
    for (const row of rows) {
      const negotiation = row.negotiation;
      if (!negotiation) continue;
      out.push(`    # ${negotiation.number}. ${negotiation.label.zh} · ${negotiation.label.en}`);
      for (const option of negotiation.options) {
        out.push(`    #   ${option.id}) 云服务提供者：${zh(option.provider)}；云服务客户：${zh(option.customer)}`);
        out.push(`    #      provider: ${en(option.provider)}; customer: ${en(option.customer)}`);
      }
      out.push(`    # ${row.id}: ${negotiation.options[0]?.id ?? 'a'}`);
    }
  }
  out.push(
    '',
    '# 云安全厂商及其承担的责任项 · Security vendors and the items they take:',
    '# - name: 示例安全公司 Example Security Co.',
    '#   contractedBy: customer        # customer | provider',
    '#   items: [os.host-monitoring]',
    '#   serviceModels: [iaas]         # 可选 · optional',
    'vendors: []',
    '',
    '# 责任改派（须注明原因）· Reassignments (a reason is required):',
    '# - item: network.security-group',
    '#   serviceModel: iaas            # 可选 · optional',
    '#   resourceType: alicloud_security_group   # 可选 · optional',
    '#   provider: yes                 # yes | no | supporting',
    '#   customer: yes',
    '#   reason: 合同第 5.2 条 · contract clause 5.2',
    'reassignments: []',
    '',
    '# 规则豁免（到期后重新报告）· Waivers (findings come back after the date):',
    '# - rule: sg-ingress-open-sensitive-port',
    '#   resource: alicloud_security_group.web   # 可选 · optional',
    '#   expires: 2030-12-31',
    '#   reason: 堡垒机迁移期间 · during the bastion migration',
    'waivers: []',
    '',
  );
  return out.join('\n');
}

const zh = (text: Text | null): string => (text ? oneLine(text.zh) : '——');
const en = (text: Text | null): string => (text ? oneLine(text.en) : 'nothing');
const oneLine = (text: string): string => text.replace(/\s*\r?\n\s*/g, ' ');
