import type { IacDocument, Resource, Setting } from '../../model/types';
import { scopesOf } from '../declarative/rule';
import type { CodeRule } from '../run';
import type { Finding } from '../types';
import { fill, ruleMeta } from '../meta';
import { statementsOfJson } from './policies';
import { ModuleResources, refersTo, resourcesByType } from '../links';
import type { ModuleView } from '../../model/moduleLookup';

/**
 * Rules whose evidence lives in another resource, often in another file of the module: a bucket's https-only
 * policy, a VPC's flow log. They report only when the module shows the protection is missing; a reference
 * they cannot follow makes them say nothing.
 */

type Verdict = 'covered' | 'missing' | 'unknown';

function literal(setting: Setting | undefined): string | undefined {
  return setting?.value.kind === 'literal' && setting.value.value !== null ? String(setting.value.value) : undefined;
}

function settingAt(resource: Resource, path: string): Setting | undefined {
  return resource.settings.find((s) => s.path === path);
}

// ---- https-only bucket policy -------------------------------------------------------------------------------

function denyWithoutTls(statement: { effect: string }, condition: unknown): boolean {
  if (statement.effect.toLowerCase() !== 'deny') return false;
  const bool = (condition as { Bool?: Record<string, unknown> } | undefined)?.Bool ?? {};
  const secure = bool['acs:SecureTransport'];
  return (Array.isArray(secure) ? secure : [secure]).some((v) => String(v).toLowerCase() === 'false');
}

/** Verdict of one policy value: a JSON document string, or (ROS) the structure under `path`. */
function policyVerdict(resource: Resource, path: string): Verdict | undefined {
  const setting = settingAt(resource, path);
  if (!setting) return undefined;
  const text = literal(setting);
  if (text !== undefined) {
    let document: { Statement?: unknown } | undefined;
    try {
      document = JSON.parse(text) as { Statement?: unknown };
    } catch {
      return 'unknown';
    }
    const raw = document?.Statement;
    const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as { Condition?: unknown }[];
    const statements = statementsOfJson(text) ?? [];
    return statements.some((s, i) => denyWithoutTls(s, list[i]?.Condition)) ? 'covered' : 'missing';
  }
  if (setting.value.kind === 'block') {
    const elements = scopesOf(resource, `${path}.Statement`);
    const covered = elements.some(({ scope }) => {
      const effect = literal(scope.get('Effect')?.[0]) ?? '';
      const secure = (scope.get('Condition.Bool.acs:SecureTransport') ?? []).map((s) => literal(s)?.toLowerCase());
      return effect.toLowerCase() === 'deny' && secure.includes('false');
    });
    const anyReference = elements.some(({ scope }) => [...scope.values()].flat().some((s) => s.value.kind === 'reference' || s.value.kind === 'unknown'));
    return covered ? 'covered' : anyReference ? 'unknown' : 'missing';
  }
  return 'unknown';
}

const httpsOnly: CodeRule = {
  meta: ruleMeta({
    id: 'oss-bucket-no-https-only-policy',
    family: 'data',
    severity: 'medium',
    item: 'data.customer-data.transmission',
    title: { en: 'Bucket does not refuse plain HTTP', zh: 'Bucket 未拒绝 HTTP 明文访问' },
    message: {
      en: 'No bucket policy of {resource} denies requests without TLS (acs:SecureTransport = false): objects can travel in clear text.',
      zh: '{resource} 没有拒绝非 TLS 请求（acs:SecureTransport = false）的 Bucket 策略：对象可能以明文传输。',
    },
    rationale: {
      en: 'The provider offers TLS endpoints; requiring them is the customer\'s choice (表1 数据传输安全: the provider supplies the means, the customer uses them). Without a deny, any client or SDK misconfiguration sends data in clear text.',
      zh: '云服务商提供 TLS 访问端点，是否强制使用由客户决定（表1 数据传输安全：云服务提供者提供技术手段，云服务客户负责使用）。没有拒绝策略时，任何客户端或 SDK 的配置失误都会导致明文传输。',
    },
    remediation: {
      en: 'Add a bucket policy statement with Effect Deny, Principal *, Action oss:*, the bucket\'s resources, and Condition {"Bool": {"acs:SecureTransport": ["false"]}}.',
      zh: '添加一条 Bucket 策略：Effect 为 Deny，Principal 为 *，Action 为 oss:*，Resource 为该 Bucket 的资源，Condition 为 {"Bool": {"acs:SecureTransport": ["false"]}}。',
    },
    references: ['https://www.alibabacloud.com/help/en/oss/user-guide/oss-bucket-policy/'],
    terraform: ['alicloud_oss_bucket', 'alicloud_oss_bucket_policy'],
    ros: ['ALIYUN::OSS::Bucket'],
  }),
  scope: 'document',
  check(document: IacDocument, module: ModuleView): Finding[] {
    const isRos = document.format === 'ros-yaml' || document.format === 'ros-json';
    const bucketType = isRos ? 'ALIYUN::OSS::Bucket' : 'alicloud_oss_bucket';
    if (!resourcesByType(document).has(bucketType)) return [];
    // Looked up by type in the module's index, not gathered from every file: the module may have thousands of files.
    const policies = new ModuleResources(document, module).ofTypes(['alicloud_oss_bucket_policy']);
    return document.resources.flatMap((bucket) => {
      if (bucket.kind !== 'resource' || bucket.type !== bucketType) return [];
      const verdicts: (Verdict | undefined)[] = [policyVerdict(bucket, isRos ? 'Policy' : 'policy')];
      const bucketName = literal(settingAt(bucket, 'bucket'));
      for (const policy of policies) {
        const target = settingAt(policy, 'bucket');
        const named = literal(target);
        const applies = named !== undefined ? named === bucketName : refersTo(target, 'alicloud_oss_bucket', bucket.name, false, new Set());
        if (applies === false) continue;
        verdicts.push(applies === undefined ? 'unknown' : policyVerdict(policy, 'policy') ?? 'missing');
      }
      if (verdicts.includes('covered') || verdicts.includes('unknown')) return [];
      return [{ ruleId: this.meta.id, severity: this.meta.severity, message: fill(this.meta.message, { resource: bucket.name }), range: bucket.headerRange, resource: bucket, fixes: [] }];
    });
  },
};

// ---- VPC flow logs ------------------------------------------------------------------------------------------

const flowLogs: CodeRule = {
  meta: ruleMeta({
    id: 'vpc-flow-log-disabled',
    family: 'audit',
    severity: 'low',
    item: 'iam.service.activity-log',
    title: { en: 'VPC without a flow log', zh: 'VPC 未开启流日志' },
    message: {
      en: 'No flow log captures the traffic of VPC {resource}: after an incident there is no record of who talked to what.',
      zh: '没有流日志记录 VPC {resource} 的流量：发生事件后将无从查明谁访问了什么。',
    },
    rationale: {
      en: 'The provider offers flow logs; turning them on and reviewing them is negotiable and, by default, the customer\'s (表2 行为日志功能, option a: the provider provides the function, the customer analyses and audits).',
      zh: '云服务商提供流日志功能；开启并审计日志属于可协商责任，默认由客户承担（表2 行为日志功能，方式 a：云服务提供者提供功能，云服务客户分析和审计）。',
    },
    remediation: {
      en: 'Add an alicloud_vpc_flow_log (ROS: ALIYUN::VPC::FlowLog) with resource_type VPC and resource_id of this VPC, writing to a Log Service logstore with adequate retention.',
      zh: '添加 alicloud_vpc_flow_log（ROS：ALIYUN::VPC::FlowLog），resource_type 为 VPC，resource_id 指向此 VPC，写入保留期充足的日志服务 Logstore。',
    },
    references: ['https://www.alibabacloud.com/help/en/vpc/user-guide/flow-logs-overview'],
    terraform: ['alicloud_vpc', 'alicloud_vpc_flow_log'],
    ros: ['ALIYUN::ECS::VPC', 'ALIYUN::VPC::FlowLog'],
  }),
  scope: 'document',
  check(document: IacDocument, module: ModuleView): Finding[] {
    const isRos = document.format === 'ros-yaml' || document.format === 'ros-json';
    const [vpcType, logType, idPath] = isRos ? ['ALIYUN::ECS::VPC', 'ALIYUN::VPC::FlowLog', 'ResourceId'] : ['alicloud_vpc', 'alicloud_vpc_flow_log', 'resource_id'];
    if (!resourcesByType(document).has(vpcType)) return [];
    const everywhere = new ModuleResources(document, module);
    const logs = everywhere.ofTypes([logType]);
    // Only a ROS reference is checked against the names (refersTo), and a ROS template has no module.
    const resourceNames = isRos ? everywhere.names : new Set<string>();
    return document.resources.flatMap((vpc) => {
      if (vpc.kind !== 'resource' || vpc.type !== vpcType) return [];
      const links = logs.map((log) => refersTo(settingAt(log, idPath), vpcType, vpc.name, isRos, resourceNames));
      // A flow log on a resource we cannot identify (a variable, a literal id) might be this VPC's.
      if (links.includes(true) || links.some((link) => link === undefined)) return [];
      if (logs.some((log) => literal(settingAt(log, idPath)) !== undefined)) return [];
      return [{ ruleId: this.meta.id, severity: this.meta.severity, message: fill(this.meta.message, { resource: vpc.name }), range: vpc.headerRange, resource: vpc, fixes: [] }];
    });
  },
};

export const CROSS_RESOURCE_RULES: readonly CodeRule[] = [httpsOnly, flowLogs];
