/** A realistic scan report the formatter tests share: two files with findings, one unreadable file. */
import type { ReportedFinding, ScanReport } from '../../../../server/src/cli/report';
import type { RuleMeta } from '../../../../server/src/rules/types';

/** The access key the scanned file held. The report never carries it; no output may contain it. */
export const RAW_SECRET = 'LTAI5tQx9RwZk3mNpV7sYw';
export const MASKED_SECRET = 'LTAI…Yw';
/** A resource name with every character XML must escape. */
export const NASTY_NAME = `web<&"'>`;

const noXref = { checkov: [], kics: [], infraguard: [], trivy: [] };

export const RULES: readonly RuleMeta[] = [
  {
    id: 'sg-ingress-open-sensitive-port',
    family: 'network',
    severity: 'critical',
    item: 'network.security-group',
    title: { en: 'Security group admits the internet to an administration or database port', zh: '安全组对公网开放管理或数据库端口' },
    message: { en: 'Ingress from {value} reaches an administration or database port.', zh: '入方向规则允许 {value} 访问管理或数据库端口。' },
    rationale: { en: 'SSH, RDP and database ports open to 0.0.0.0/0 are scanned within minutes.', zh: '对 0.0.0.0/0 开放的 SSH、RDP 和数据库端口在暴露后几分钟内就会被扫描。' },
    remediation: { en: 'Replace 0.0.0.0/0 with the office or bastion CIDR.', zh: '将 0.0.0.0/0 替换为办公网或堡垒机网段。' },
    references: ['https://www.alibabacloud.com/help/en/ecs/user-guide/overview-44'],
    xref: { ...noXref, checkov: ['CKV_ALI_1'] },
    appliesTo: { terraform: ['alicloud_security_group_rule'], ros: ['ALIYUN::ECS::SecurityGroup'] },
    origin: 'builtin',
  },
  {
    id: 'hardcoded-access-key',
    family: 'credentials',
    severity: 'high',
    item: 'identity.access-keys',
    title: { en: 'AccessKey written into the template', zh: '模板中写入了 AccessKey' },
    message: { en: 'AccessKey {value} is written in the template.', zh: '模板中写入了 AccessKey {value}。' },
    rationale: { en: 'Templates end up in repositories and logs.', zh: '模板会进入代码仓库和日志。' },
    remediation: { en: 'Read the key from the environment or a secrets manager.', zh: '从环境变量或凭据管家读取密钥。' },
    references: [],
    xref: noXref,
    appliesTo: { terraform: ['provider:alicloud'], ros: [] },
    origin: 'builtin',
  },
  {
    id: 'oss-bucket-public-read',
    family: 'data',
    severity: 'medium',
    item: 'data.access-control',
    title: { en: 'OSS bucket is readable by anyone', zh: 'OSS 存储桶可被任何人读取' },
    message: { en: 'Bucket ACL {value} lets anyone read the objects.', zh: '存储桶 ACL {value} 允许任何人读取对象。' },
    rationale: { en: 'Public buckets leak data.', zh: '公共读存储桶会泄露数据。' },
    remediation: { en: 'Set acl to private.', zh: '将 acl 设为 private。' },
    references: [],
    xref: noXref,
    appliesTo: { terraform: ['alicloud_oss_bucket'], ros: ['ALIYUN::OSS::Bucket'] },
    origin: 'builtin',
  },
  {
    id: 'actiontrail-disabled',
    family: 'audit',
    severity: 'low',
    item: 'audit.logging',
    title: { en: 'ActionTrail trail is not logging', zh: '操作审计跟踪未开启' },
    message: { en: 'The trail is created but not logging.', zh: '跟踪已创建但未开启记录。' },
    rationale: { en: 'Without a trail, changes cannot be traced.', zh: '没有审计跟踪，无法追溯变更。' },
    remediation: { en: 'Set status to Enable.', zh: '将 status 设为 Enable。' },
    references: [],
    xref: noXref,
    appliesTo: { terraform: ['alicloud_actiontrail_trail'], ros: [] },
    origin: 'builtin',
  },
];

const customer = { provider: 'no', customer: 'yes', vendor: 'no' };

function finding(partial: Omit<ReportedFinding, 'xref' | 'responsibility'> & Partial<Pick<ReportedFinding, 'xref' | 'responsibility'>>): ReportedFinding {
  return {
    xref: {},
    responsibility: { id: 'iaas-network-security-group', item: { en: 'Configure security groups', zh: '设置安全组' }, parties: customer },
    ...partial,
  };
}

export const FINDINGS: readonly ReportedFinding[] = [
  finding({
    ruleId: 'hardcoded-access-key',
    severity: 'high',
    message: { en: `AccessKey ${MASKED_SECRET} is written in the template.`, zh: `模板中写入了 AccessKey ${MASKED_SECRET}。` },
    file: 'infra/main.tf',
    range: { start: { line: 3, column: 16 }, end: { line: 3, column: 40 } },
    resource: { type: 'provider', name: 'alicloud' },
    responsibility: { id: 'iaas-identity-access-keys', item: { en: 'Manage access keys', zh: '访问密钥管理' }, parties: customer },
    secret: { masked: MASKED_SECRET },
  }),
  finding({
    ruleId: 'sg-ingress-open-sensitive-port',
    severity: 'critical',
    message: { en: 'Ingress from 0.0.0.0/0 reaches an administration or database port.', zh: '入方向规则允许 0.0.0.0/0 访问管理或数据库端口。' },
    file: 'infra/main.tf',
    range: { start: { line: 12, column: 13 }, end: { line: 12, column: 24 } },
    resource: { type: 'alicloud_security_group_rule', name: NASTY_NAME },
    xref: { checkov: ['CKV_ALI_1'] },
  }),
  finding({
    ruleId: 'oss-bucket-public-read',
    severity: 'medium',
    message: { en: 'Bucket ACL public-read lets anyone read the objects.', zh: '存储桶 ACL public-read 允许任何人读取对象。' },
    file: 'ros/存储.yaml',
    range: { start: { line: 7, column: 7 }, end: { line: 7, column: 23 } },
    resource: { type: 'ALIYUN::OSS::Bucket', name: 'Logs' },
    responsibility: { id: 'iaas-data-access-control', item: { en: 'Data access control', zh: '数据访问控制' }, parties: customer },
  }),
  finding({
    ruleId: 'actiontrail-disabled',
    severity: 'low',
    message: { en: 'The trail is created but not logging.', zh: '跟踪已创建但未开启记录。' },
    file: 'ros/存储.yaml',
    range: { start: { line: 20, column: 5 }, end: { line: 20, column: 19 } },
    resource: { type: 'ALIYUN::ActionTrail::Trail', name: 'Audit' },
    responsibility: { id: 'iaas-audit-logging', item: { en: 'Audit logging', zh: '日志审计' }, parties: customer },
    suppressed: { by: 'rlens:ignore actiontrail-disabled', reason: '测试账号 <sandbox> & "temp"' },
  }),
];

export function sampleReport(overrides: Partial<ScanReport> = {}): ScanReport {
  return {
    tool: { name: 'rlens', version: '0.1.0' },
    findings: FINDINGS,
    errors: [{ file: 'broken.tf', message: { en: 'Unexpected "}" at line 4\u0007', zh: '第 4 行出现意外的 "}"\u0007' } }],
    rules: RULES,
    files: 3,
    ...overrides,
  };
}
