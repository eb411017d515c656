import type { IacFormat, Resource, Setting } from '../../model/types';
import type { Scope } from '../declarative/conditions';
import { scopesOf } from '../declarative/rule';
import type { CodeRule } from '../run';
import type { Finding } from '../types';
import { fill, ruleMeta } from '../meta';

/**
 * Rules on policy documents: RAM policies and OSS bucket policies. Terraform usually carries the document as a
 * JSON string (a heredoc), ROS as YAML/JSON structure; both are read into the same statement shape.
 */
interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly principals: readonly string[];
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (value && typeof value === 'object') return Object.values(value).flatMap(asList);
  return [];
}

/** Statements of a JSON policy document; undefined when the text is not JSON (then nothing is judged). */
export function statementsOfJson(text: string): Statement[] | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  const raw = (document as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.map((s: Record<string, unknown>) => ({
    effect: String(s.Effect ?? ''),
    actions: asList(s.Action),
    resources: asList(s.Resource),
    principals: asList(s.Principal),
  }));
}

/** Statements of a ROS policy written as structure, one per element of `<path>.Statement`. */
function statementsOfSettings(resource: Resource, path: string): { statement: Statement; scope: Scope; literalOnly: boolean }[] {
  return scopesOf(resource, `${path}.Statement`).map(({ scope }) => {
    const values = (key: string): string[] => (scope.get(key) ?? []).flatMap((s) => (s.value.kind === 'literal' && typeof s.value.value === 'string' ? [s.value.value] : []));
    const literalOnly = [...scope.values()].flat().every((s) => s.value.kind !== 'reference' && s.value.kind !== 'unknown');
    return {
      statement: { effect: values('Effect')[0] ?? '', actions: values('Action'), resources: values('Resource'), principals: [...values('Principal'), ...[...scope.keys()].filter((k) => k.startsWith('Principal.')).flatMap(values)] },
      scope,
      literalOnly,
    };
  });
}

function documentSetting(resource: Resource, paths: readonly string[]): Setting | undefined {
  return resource.settings.find((s) => paths.includes(s.path) && s.value.kind === 'literal' && typeof s.value.value === 'string');
}

const allowsEverything = (s: Statement): boolean => s.effect.toLowerCase() === 'allow' && s.actions.some((a) => a === '*' || a === '*:*') && s.resources.includes('*');
const grantsEveryone = (s: Statement): boolean => s.effect.toLowerCase() === 'allow' && s.principals.includes('*');

function policyRule(options: {
  meta: ReturnType<typeof ruleMeta>;
  terraform: Record<string, readonly string[]>;
  ros: Record<string, string>;
  violates: (s: Statement) => boolean;
}): CodeRule {
  return {
    meta: options.meta,
    scope: 'resource',
    checkResource(resource: Resource, format: IacFormat): Finding[] {
      const isRos = format === 'ros-yaml' || format === 'ros-json';
      const findings: Finding[] = [];
      if (resource.kind !== 'resource') return findings;
      const report = (range: Setting['valueRange']): void => {
        findings.push({ ruleId: this.meta.id, severity: this.meta.severity, message: fill(this.meta.message, { resource: resource.name }), range, resource, fixes: [] });
      };
      if (!isRos) {
        const paths = options.terraform[resource.type];
        const setting = paths ? documentSetting(resource, paths) : undefined;
        const statements = setting?.value.kind === 'literal' ? statementsOfJson(String(setting.value.value)) : undefined;
        if (setting && statements?.some(options.violates)) report(setting.valueRange);
        return findings;
      }
      const path = options.ros[resource.type];
      if (!path) return findings;
      const asString = documentSetting(resource, [path]);
      if (asString?.value.kind === 'literal') {
        if (statementsOfJson(String(asString.value.value))?.some(options.violates)) report(asString.valueRange);
        return findings;
      }
      const offending = statementsOfSettings(resource, path).find((s) => options.violates(s.statement));
      const at = offending && ([...offending.scope.values()].flat()[0] ?? resource.settings.find((s) => s.path === path));
      if (at) report(at.valueRange);
      return findings;
    },
  };
}

const ramPolicyAdmin = policyRule({
  meta: ruleMeta({
    id: 'ram-policy-full-access',
    family: 'iam',
    severity: 'high',
    item: 'iam.service.user-permission',
    title: { en: 'RAM policy allows every action on every resource', zh: 'RAM 策略允许对所有资源执行所有操作' },
    message: {
      en: 'Policy "{resource}" allows "*" on "*": whoever holds it can do anything in the account. Grant only the actions and resources needed.',
      zh: '策略“{resource}”允许对“*”执行“*”：持有者可以在账号内做任何事。请只授予所需的操作和资源。',
    },
    rationale: {
      en: 'The provider offers user and permission management; deciding who may do what is the customer\'s part (表1 用户管理和权限管理: provider ✓ provides, customer ✓ configures). Full access turns any leaked key of a holder into a full account compromise.',
      zh: '云服务商提供用户管理和权限管理功能，决定谁能做什么是客户的职责（表1 用户管理和权限管理：云服务提供者 ✓ 提供，云服务客户 ✓ 配置）。完全访问权限会让持有者的任何一个泄露密钥都变成整个账号的失守。',
    },
    remediation: {
      en: 'List the services\' actions (e.g. "ecs:Describe*") and the resource ARNs the role needs; use AliyunReadOnlyAccess-style system policies for read access.',
      zh: '列出所需服务的操作（例如 "ecs:Describe*"）和资源 ARN；只读需求可使用系统只读策略。',
    },
    references: ['https://www.alibabacloud.com/help/en/ram/user-guide/policy-structure-and-syntax'],
    terraform: ['alicloud_ram_policy'],
    ros: ['ALIYUN::RAM::ManagedPolicy'],
  }),
  terraform: { alicloud_ram_policy: ['document', 'policy_document'] },
  ros: { 'ALIYUN::RAM::ManagedPolicy': 'PolicyDocument' },
  violates: allowsEverything,
});

const ossPolicyPublic = policyRule({
  meta: ruleMeta({
    id: 'oss-bucket-policy-public',
    family: 'data',
    severity: 'high',
    item: 'iam.service.user-permission',
    title: { en: 'Bucket policy grants access to everyone', zh: 'Bucket 策略向所有人授权' },
    message: {
      en: 'The bucket policy of {resource} allows the principal "*": anyone on the internet gets the listed actions. Name the accounts or RAM users instead.',
      zh: '{resource} 的 Bucket 策略允许主体“*”：互联网上任何人都能执行所列操作。请改为指定账号或 RAM 用户。',
    },
    rationale: {
      en: 'OSS enforces whatever policy the customer writes; who may read or change the data is the customer\'s decision (表1 用户管理和权限管理). Public buckets are a leading cause of data leaks.',
      zh: 'OSS 会执行客户写下的任何策略；谁能读取或修改数据由客户决定（表1 用户管理和权限管理）。公开的 Bucket 是数据泄露的主要原因之一。',
    },
    remediation: {
      en: 'Replace "*" in Principal with account IDs or RAM user IDs; serve public content through CDN with origin authentication instead.',
      zh: '将 Principal 中的“*”替换为账号 ID 或 RAM 用户 ID；公开内容改为通过开启回源鉴权的 CDN 分发。',
    },
    references: ['https://www.alibabacloud.com/help/en/oss/user-guide/oss-bucket-policy/'],
    terraform: ['alicloud_oss_bucket_policy', 'alicloud_oss_bucket'],
    ros: ['ALIYUN::OSS::Bucket'],
  }),
  terraform: { alicloud_oss_bucket_policy: ['policy'], alicloud_oss_bucket: ['policy'] },
  ros: { 'ALIYUN::OSS::Bucket': 'Policy' },
  violates: grantsEveryone,
});

export const POLICY_RULES: readonly CodeRule[] = [ramPolicyAdmin, ossPolicyPublic];

