import type { Text } from '../matrices/types';
import { format, type Language } from './language';

/**
 * Every runtime string the engine, server and CLI show, in English and Simplified Chinese. Keeping both in one
 * object literal makes a missing translation a type error rather than a surprise.
 */
const messages = {
  'party.provider': { en: 'Provider', zh: '云服务商' },
  'party.customer': { en: 'Customer', zh: '客户' },
  'party.vendor': { en: 'Security vendor', zh: '云安全厂商' },
  'responsibility.customer': { en: 'Customer', zh: '客户' },
  'responsibility.provider': { en: 'Provider', zh: '云服务商' },
  'responsibility.shared': { en: 'Shared', zh: '共担' },
  'responsibility.negotiable': { en: 'Negotiable', zh: '可协商' },
  'responsibility.vendor': { en: 'Security vendor', zh: '云安全厂商' },
  'responsibility.none': { en: 'Nobody', zh: '无' },
  'duty.yes': { en: '✓ bears it', zh: '✓ 承担' },
  'duty.no': { en: '× does not', zh: '× 不承担' },
  'duty.negotiable': { en: 'negotiable', zh: '可协商' },
  'duty.supporting': { en: 'supports', zh: '支持' },
  'origin.deployment-mode': { en: '(from the deployment mode)', zh: '（来自部署模式）' },
  'origin.contract': { en: '(from your contract)', zh: '（来自您的合同）' },
  'serviceModel.iaas': { en: 'IaaS', zh: 'IaaS' },
  'serviceModel.paas': { en: 'PaaS', zh: 'PaaS' },
  'serviceModel.saas': { en: 'SaaS', zh: 'SaaS' },
  'hover.title': { en: '{0} — {1}', zh: '{0} — {1}' },
  'hover.responsible': { en: 'Responsible: **{0}**', zh: '责任方：**{0}**' },
  'hover.partyColumn': { en: 'Party', zh: '责任方' },
  'hover.dutyColumn': { en: 'Bears it?', zh: '是否承担' },
  'hover.whatColumn': { en: 'What it does', zh: '职责说明' },
  'hover.category': { en: 'Category: {0}', zh: '类别：{0}' },
  'hover.scope': { en: 'Scope: {0}', zh: '范围：{0}' },
  'hover.definition': { en: '*What it means*: {0}', zh: '*含义*：{0}' },
  'hover.context': { en: 'Service model: {0} · Deployment mode: {1} · Resource: {2}', zh: '服务模式：{0} · 部署模式：{1} · 资源：{2}' },
  'hover.valueCase': { en: 'For this value: {0}', zh: '按此取值：{0}' },
  'hover.valueFrom': { en: 'The value is written elsewhere: {0}, line {1}', zh: '取值写在别处：{0}，第 {1} 行' },
  'hover.negotiable': { en: 'Negotiable ({0}, no. {1}). Your contract has not chosen an option:', zh: '可协商（{0} 第 {1} 项）。合同尚未选定划分方式：' },
  'hover.option': { en: 'Option {0}) provider: {1}; customer: {2}', zh: '方式 {0}）云服务提供者：{1}；云服务客户：{2}' },
  'hover.nothing': { en: 'nothing', zh: '——' },
  'hover.inherited': { en: 'Taken from the {0} table ({1}).', zh: '沿用 {0} 表（{1}）。' },
  'hover.modeNote': { en: 'Deployment mode: {0}', zh: '部署模式说明：{0}' },
  'hover.source': { en: 'Source: {0}, {1}', zh: '出处：{0}，{1}' },
  'hover.standard': {
    en: 'OSCAR/CAICT cloud shared-responsibility white paper (2020) → YD/T 4060-2022',
    zh: '《云计算安全责任共担白皮书（2020年）》→ YD/T 4060-2022',
  },
  'hover.alsoItem': { en: 'This setting also concerns:', zh: '此设置还涉及：' },
  'finding.prefix': { en: '{0} · {1}: ', zh: '{0}责任 · {1}：' },
  'finding.suppressed': { en: 'suppressed by {0}', zh: '已被 {0} 抑制' },
  'lens.summary': { en: '{0} · {1}', zh: '{0} · {1}' },
  'lens.count': { en: '{0} {1}', zh: '{0} {1}' },
  'lens.none': { en: 'no mapped settings', zh: '无已映射的设置' },
  'error.fileMissing': { en: 'Cannot read {0}: no such file or directory', zh: '无法读取 {0}：文件或目录不存在' },
  'error.notSupported': {
    en: '{0} is not a Terraform file or a ROS template (YAML/JSON with ROSTemplateFormatVersion)',
    zh: '{0} 不是 Terraform 文件，也不是 ROS 模板（含 ROSTemplateFormatVersion 的 YAML/JSON）',
  },
  'error.tooLarge': { en: '{0} is larger than {1} KB and was skipped', zh: '{0} 超过 {1} KB，已跳过' },
  'error.tooDeep': {
    en: '{0} is nested more than 1000 levels deep and was skipped',
    zh: '{0} 嵌套超过 1000 层，已跳过',
  },
  'error.binary': { en: '{0} looks binary and was skipped', zh: '{0} 似乎是二进制文件，已跳过' },
  'error.matrices': { en: 'The responsibility data is invalid: {0}', zh: '责任数据无效：{0}' },
  'error.keptPrevious': { en: 'The previous responsibility data stays in force.', zh: '继续使用上一份有效的责任数据。' },
  'error.requestFailed': { en: 'Responsibility Lens could not answer {0}; see the output log.', zh: 'Responsibility Lens 无法响应 {0}，详见输出日志。' },
  'scan.unreadable': { en: 'cannot be read ({0})', zh: '无法读取（{0}）' },
  'scan.outside': { en: 'skipped: a symlink leading outside the scanned paths', zh: '已跳过：符号链接指向扫描路径之外' },
  'scan.notRegular': { en: 'skipped: not a regular file (a FIFO, device or socket is never opened)', zh: '已跳过：不是普通文件（不会打开 FIFO、设备或套接字）' },
  'yaml.tooManyAliases': {
    en: 'YAML: too many alias expansions (a "billion laughs" document?); nothing in this file was applied',
    zh: 'YAML：别名展开次数过多（疑似“billion laughs”文档）；此文件的内容均未生效',
  },
  'config.outside': { en: 'Not read: a symlink leading outside the workspace', zh: '未读取：符号链接指向工作区之外' },
  'config.notRegular': { en: 'Not read: not a regular file', zh: '未读取：不是普通文件' },
  'config.tooLarge': { en: 'Not read: larger than {0} KB', zh: '未读取：超过 {0} KB' },
  'scan.syntax': { en: '{0} syntax error(s), first at line {1}; the rest of the file was checked', zh: '{0} 处语法错误，首处在第 {1} 行；文件其余部分已检查' },
  'cli.skipped.binary': { en: 'skipped: binary content', zh: '已跳过：二进制内容' },
  'cli.skipped.tooDeep': { en: 'skipped: nested more than 1000 levels deep', zh: '已跳过：嵌套超过 1000 层' },
  'scan.stackExhausted': { en: 'not analysed: its structure is too deep for the analyser ({0})', zh: '未分析：结构过深，超出分析器能力（{0}）' },
  'cli.skipped.tooLarge': { en: 'skipped: larger than --max-file-size-kb', zh: '已跳过：超过 --max-file-size-kb' },
  'cli.noAnnotations': { en: 'No annotated settings.', zh: '没有带责任标注的设置。' },
  'cli.column.position': { en: 'Position', zh: '位置' },
  'cli.column.resource': { en: 'Resource', zh: '资源' },
  'cli.column.setting': { en: 'Setting', zh: '设置' },
  'cli.column.responsible': { en: 'Responsible', zh: '责任方' },
  'cli.column.item': { en: 'Item', zh: '责任项' },
  'cli.column.model': { en: 'Model', zh: '模式' },
  'cli.summary': { en: '{0} annotated settings in {1} files ({2} ms)', zh: '{1} 个文件中共 {0} 个带责任标注的设置（{2} 毫秒）' },
  'cli.usage.unknownCommand': { en: 'Unknown command "{0}". Commands: scan, explain, matrix. See rlens --help.', zh: '未知命令“{0}”。可用命令：scan、explain、matrix。参见 rlens --help。' },
  'cli.usage.unknownOption': { en: 'Unknown option "{0}". See rlens --help.', zh: '未知选项“{0}”。参见 rlens --help。' },
  'cli.usage.badValue': { en: 'Invalid value "{1}" for {0}; expected one of: {2}', zh: '{0} 的取值“{1}”无效；可选：{2}' },
  'cli.usage.missingValue': { en: '{0} needs a value', zh: '{0} 需要一个取值' },
  'contract.unknownItem': { en: 'unknown item "{0}"', zh: '未知的责任项“{0}”' },
  'contract.itemNotInModel': { en: 'item "{0}" is not in the {1} table', zh: '责任项“{0}”不在 {1} 表中' },
  'contract.notNegotiable': { en: 'item "{0}" is not negotiable in {1}', zh: '责任项“{0}”在 {1} 中不可协商' },
  'contract.unknownOption': { en: 'unknown option "{0}" for {1}; options: {2}', zh: '{1} 没有划分方式“{0}”；可选：{2}' },
  'contract.badDate': { en: '"{0}" is not a date (YYYY-MM-DD)', zh: '“{0}”不是有效日期（YYYY-MM-DD）' },
  'contract.waiverExpired': { en: 'The waiver of {0} expired on {1}; its findings are reported again ({2})', zh: '{0} 的豁免已于 {1} 到期，相关问题重新报告（{2}）' },
  'contract.invalid': { en: 'The contract {0} is invalid and was not applied: {1}', zh: '合同 {0} 无效，未生效：{1}' },
  'contract.missing': { en: 'Cannot read the contract {0}', zh: '无法读取合同 {0}' },
  'origin.contractHint': { en: '{0} (contract)', zh: '{0}（合同）' },
  'hover.contractNote': { en: 'Contract: {0}', zh: '合同约定：{0}' },
  'hover.negotiableChosen': { en: 'Negotiable ({0}, no. {1}). Options:', zh: '可协商（{0} 第 {1} 项）。划分方式：' },
  'completion.option': { en: 'Option {0}) provider: {1}; customer: {2}', zh: '方式 {0}）云服务提供者：{1}；云服务客户：{2}' },
  'cli.usage.missingPath': { en: '{0} needs a file or directory', zh: '{0} 需要一个文件或目录' },
  'cli.usage.workersExpected': { en: 'a whole number from 1 to {0}, or auto', zh: '1 到 {0} 的整数，或 auto' },
  'cli.worker.missing': { en: 'Cannot start scan workers: {0} is missing. Rebuild rlens, or use --workers 1', zh: '无法启动扫描工作线程：缺少 {0}。请重新构建 rlens，或使用 --workers 1' },
  'cli.worker.failed': { en: 'A scan worker failed, no report was written: {0}', zh: '扫描工作线程出错，未输出报告：{0}' },
  'cli.worker.failedOn': { en: 'A scan worker failed on {0}, no report was written: {1}', zh: '扫描工作线程处理 {0} 时出错，未输出报告：{1}' },
  'cli.worker.exited': { en: 'A scan worker stopped unexpectedly (exit code {0}), no report was written', zh: '扫描工作线程意外退出（退出码 {0}），未输出报告' },
} as const satisfies Record<string, Text>;

export type MessageKey = keyof typeof messages;

export function t(language: Language, key: MessageKey, ...args: readonly (string | number)[]): string {
  const message: Text = messages[key];
  return format(language === 'zh-cn' ? message.zh : message.en, ...args);
}

/** Both languages at once, for outputs (JSON, SARIF) that carry {zh, en}. */
export function both(key: MessageKey, ...args: readonly (string | number)[]): Text {
  return { en: t('en', key, ...args), zh: t('zh-cn', key, ...args) };
}
