/**
 * The setting-level model, table-driven: for each setting (Terraform and ROS, several services, each deployment
 * mode, with and without a contract) the resolver gives the expected label, party, item and reason. Every case
 * issue 9 lists is here: encryption switches and KMS keys, deletion protection and retention, database backup
 * policies, zone placement, the RAM password policy, key rotation, the CloudMonitor agent, and value verdicts.
 */
import * as assert from 'assert';
import * as path from 'path';
import { defaultAssetPaths } from '../../../server/src/assets';
import { readContract } from '../../../server/src/contract/contract';
import { Engine } from '../../../server/src/engine';
import type { Annotation } from '../../../server/src/features/annotations';
import { resolveSetting, SETTING_LABELS, type SettingParty } from '../../../server/src/matrices/settingResolve';
import type { DeploymentMode } from '../../../server/src/matrices/types';
import { sharedEngine } from '../../helpers/engine';

type Format = 'tf' | 'ros';

interface Case {
  readonly name: string;
  readonly format: Format;
  /** The resource type and the body: HCL for Terraform, the Properties mapping (YAML, indented 6) for ROS. */
  readonly type: string;
  readonly body: string;
  readonly path: string;
  readonly mode?: DeploymentMode;
  readonly contract?: string;
  readonly label: string;
  readonly party: SettingParty;
  readonly item: string;
  readonly reason: RegExp;
  /** The value's verdict (English), or null when the value has none. */
  readonly verdict?: RegExp | null;
}

const CONFIGURES = SETTING_LABELS.configures.en;
const CHOOSES = SETTING_LABELS.chooses.en;
const OWNS = SETTING_LABELS.owns.en;
const NEGOTIABLE = SETTING_LABELS.negotiable.en;
const RUNS_PLATFORM = SETTING_LABELS.customerRunsPlatform.en;
const SUPPORTS = SETTING_LABELS.providerSupports.en;

const ENCRYPTION = /storage encryption.*customer's decision/;
const BACKUP = /database backup policy.*customer's own data/;
const RETENTION = /destroyed as expected.*customer's choice/;
const DELETION = /mistaken destruction.*customer's decision/;
const ZONE = /which zone a resource goes in.*availability design/;
const ROTATION = /rotation period and protection level are the customer's choice/;

const CASES: readonly Case[] = [
  // Encryption switches and KMS keys: the provider provides, the customer configures (was "Provider").
  { name: 'ECS system disk encryption', format: 'tf', type: 'alicloud_instance', body: 'system_disk_encrypted = true', path: 'system_disk_encrypted', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION, verdict: null },
  { name: 'ECS system disk encryption off', format: 'tf', type: 'alicloud_instance', body: 'system_disk_encrypted = false', path: 'system_disk_encrypted', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION, verdict: /Encryption is off/ },
  { name: 'ECS data disk KMS key', format: 'tf', type: 'alicloud_instance', body: 'data_disks {\n    kms_key_id = "key-1"\n  }', path: 'data_disks.kms_key_id', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'disk encrypted (the quick fix adds it)', format: 'tf', type: 'alicloud_ecs_disk', body: 'encrypted = true', path: 'encrypted', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'disk KMS key', format: 'tf', type: 'alicloud_disk', body: 'kms_key_id = "key-1"', path: 'kms_key_id', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'ROS disk Encrypted', format: 'ros', type: 'ALIYUN::ECS::Disk', body: 'Encrypted: true', path: 'Encrypted', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'ROS disk KMSKeyId', format: 'ros', type: 'ALIYUN::ECS::Disk', body: 'KMSKeyId: key-1', path: 'KMSKeyId', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'OSS server-side encryption', format: 'tf', type: 'alicloud_oss_bucket', body: 'server_side_encryption_rule {\n    sse_algorithm = "KMS"\n  }', path: 'server_side_encryption_rule.sse_algorithm', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'ROS OSS encryption', format: 'ros', type: 'ALIYUN::OSS::Bucket', body: 'ServerSideEncryptionConfiguration:\n        SSEAlgorithm: KMS', path: 'ServerSideEncryptionConfiguration', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'RDS TDE', format: 'tf', type: 'alicloud_db_instance', body: 'tde_status = "Enabled"', path: 'tde_status', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'RDS disk encryption key', format: 'tf', type: 'alicloud_db_instance', body: 'encryption_key = "key-1"', path: 'encryption_key', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'PolarDB TDE', format: 'tf', type: 'alicloud_polardb_cluster', body: 'tde_status = "Enabled"', path: 'tde_status', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'ROS PolarDB TDEStatus', format: 'ros', type: 'ALIYUN::POLARDB::DBCluster', body: 'TDEStatus: true', path: 'TDEStatus', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'Redis TDE', format: 'tf', type: 'alicloud_kvstore_instance', body: 'tde_status = "Enabled"', path: 'tde_status', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'MongoDB encryption', format: 'tf', type: 'alicloud_mongodb_instance', body: 'encrypted = true', path: 'encrypted', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'ROS MongoDB TDEStatus', format: 'ros', type: 'ALIYUN::MONGODB::Instance', body: 'TDEStatus: true', path: 'TDEStatus', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'NAS encryption', format: 'tf', type: 'alicloud_nas_file_system', body: 'encrypt_type = 2', path: 'encrypt_type', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'SLS logstore encryption', format: 'tf', type: 'alicloud_log_store', body: 'encrypt_conf {\n    enable = true\n  }', path: 'encrypt_conf.enable', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  { name: 'ACK secret encryption key', format: 'tf', type: 'alicloud_cs_managed_kubernetes', body: 'encryption_provider_key = "key-1"', path: 'encryption_provider_key', label: CONFIGURES, party: 'shared', item: 'data.customer-data.storage', reason: ENCRYPTION },
  // Key rotation: the customer chooses, KMS runs it.
  { name: 'KMS automatic rotation', format: 'tf', type: 'alicloud_kms_key', body: 'automatic_rotation = "Enabled"', path: 'automatic_rotation', label: CHOOSES, party: 'shared', item: 'data.customer-data.storage', reason: ROTATION },
  { name: 'ROS KMS rotation interval', format: 'ros', type: 'ALIYUN::KMS::Key', body: 'RotationInterval: 365d', path: 'RotationInterval', label: CHOOSES, party: 'shared', item: 'data.customer-data.storage', reason: ROTATION },
  // Deletion protection and retention: 数据销毁安全 includes preventing mistaken destruction.
  { name: 'ECS deletion protection', format: 'tf', type: 'alicloud_instance', body: 'deletion_protection = true', path: 'deletion_protection', label: CONFIGURES, party: 'shared', item: 'data.customer-data.destruction', reason: DELETION, verdict: null },
  { name: 'RDS deletion protection off', format: 'tf', type: 'alicloud_db_instance', body: 'deletion_protection = false', path: 'deletion_protection', label: CONFIGURES, party: 'shared', item: 'data.customer-data.destruction', reason: DELETION, verdict: /Deletion protection is off/ },
  { name: 'KMS key deletion protection', format: 'tf', type: 'alicloud_kms_key', body: 'deletion_protection = "Enabled"', path: 'deletion_protection', label: CONFIGURES, party: 'shared', item: 'data.customer-data.destruction', reason: DELETION },
  { name: 'ROS Redis DeletionProtection', format: 'ros', type: 'ALIYUN::REDIS::Instance', body: 'DeletionProtection: true', path: 'DeletionProtection', label: CONFIGURES, party: 'shared', item: 'data.customer-data.destruction', reason: DELETION },
  { name: 'OSS force_destroy', format: 'tf', type: 'alicloud_oss_bucket', body: 'force_destroy = true', path: 'force_destroy', label: CONFIGURES, party: 'shared', item: 'data.customer-data.destruction', reason: DELETION, verdict: /cannot be recovered/ },
  { name: 'SLS retention', format: 'tf', type: 'alicloud_log_store', body: 'retention_period = 30', path: 'retention_period', label: CHOOSES, party: 'shared', item: 'data.customer-data.destruction', reason: RETENTION },
  { name: 'ROS SLS TTL', format: 'ros', type: 'ALIYUN::SLS::Logstore', body: 'TTL: 30', path: 'TTL', label: CHOOSES, party: 'shared', item: 'data.customer-data.destruction', reason: RETENTION },
  { name: 'KMS pending window', format: 'tf', type: 'alicloud_kms_key', body: 'pending_window_in_days = 7', path: 'pending_window_in_days', label: CHOOSES, party: 'shared', item: 'data.customer-data.destruction', reason: RETENTION },
  // Database backup policies: the customer's own data backup, not 云主机备份.
  { name: 'RDS backup retention', format: 'tf', type: 'alicloud_db_backup_policy', body: 'backup_retention_period = 7', path: 'backup_retention_period', label: CHOOSES, party: 'shared', item: 'data.customer-data.storage', reason: BACKUP },
  { name: 'ROS RDS BackupRetentionPeriod', format: 'ros', type: 'ALIYUN::RDS::DBInstance', body: 'BackupRetentionPeriod: 7', path: 'BackupRetentionPeriod', label: CHOOSES, party: 'shared', item: 'data.customer-data.storage', reason: BACKUP },
  { name: 'MongoDB backup period', format: 'tf', type: 'alicloud_mongodb_instance', body: 'backup_period = ["Monday"]', path: 'backup_period', label: CHOOSES, party: 'shared', item: 'data.customer-data.storage', reason: BACKUP },
  { name: 'Redis backup period', format: 'tf', type: 'alicloud_kvstore_instance', body: 'backup_period = ["Monday"]', path: 'backup_period', label: CHOOSES, party: 'shared', item: 'data.customer-data.storage', reason: BACKUP },
  // Disk snapshots stay 云主机备份: negotiable in IaaS (table 2).
  { name: 'ECS disk auto snapshot policy', format: 'tf', type: 'alicloud_instance', body: 'system_disk_auto_snapshot_policy_id = "sp-1"', path: 'system_disk_auto_snapshot_policy_id', label: NEGOTIABLE, party: 'negotiable', item: 'os.host-backup', reason: /negotiable \(Table 2/ },
  // Zone placement: the customer's availability design on the provider's DR.
  { name: 'ECS availability zone', format: 'tf', type: 'alicloud_instance', body: 'availability_zone = "cn-hangzhou-h"', path: 'availability_zone', label: CHOOSES, party: 'shared', item: 'physical.disaster-recovery', reason: ZONE },
  { name: 'RDS zone', format: 'tf', type: 'alicloud_db_instance', body: 'zone_id = "cn-hangzhou-h"', path: 'zone_id', label: CHOOSES, party: 'shared', item: 'physical.disaster-recovery', reason: ZONE },
  { name: 'ROS vSwitch ZoneId', format: 'ros', type: 'ALIYUN::ECS::VSwitch', body: 'ZoneId: cn-hangzhou-h', path: 'ZoneId', label: CHOOSES, party: 'shared', item: 'physical.disaster-recovery', reason: ZONE },
  // RAM password policy: set by the customer for RAM users (appendix).
  { name: 'RAM password length', format: 'tf', type: 'alicloud_ram_account_password_policy', body: 'minimum_password_length = 14', path: 'minimum_password_length', label: CONFIGURES, party: 'shared', item: 'iam.console.password-policy', reason: /password policy of RAM users is set by the customer/ },
  { name: 'RAM max login attempts', format: 'tf', type: 'alicloud_ram_account_password_policy', body: 'max_login_attempts = 5', path: 'max_login_attempts', label: CONFIGURES, party: 'shared', item: 'iam.console.password-policy', reason: /set by the customer/ },
  // Security groups: the value decides the verdict, not the row.
  { name: 'cidr_ip 0.0.0.0/0 on 3389', format: 'tf', type: 'alicloud_security_group_rule', body: 'type = "ingress"\n  port_range = "3389/3389"\n  cidr_ip = "0.0.0.0/0"', path: 'cidr_ip', label: CONFIGURES, party: 'shared', item: 'network.security-group', reason: /customer who writes the rules/, verdict: /^Allow only the addresses that need port 3389; 0\.0\.0\.0\/0 opens it to the internet\.$/ },
  { name: 'cidr_ip 0.0.0.0/0 on an egress rule', format: 'tf', type: 'alicloud_security_group_rule', body: 'type = "egress"\n  port_range = "443/443"\n  cidr_ip = "0.0.0.0/0"', path: 'cidr_ip', label: CONFIGURES, party: 'shared', item: 'network.security-group', reason: /customer who writes the rules/, verdict: null },
  { name: 'priority of the same rule', format: 'tf', type: 'alicloud_security_group_rule', body: 'type = "ingress"\n  priority = 1\n  cidr_ip = "0.0.0.0/0"', path: 'priority', label: CONFIGURES, party: 'shared', item: 'network.security-group', reason: /customer who writes the rules/, verdict: null },
  { name: 'ROS SourceCidrIp in a SecurityGroup list', format: 'ros', type: 'ALIYUN::ECS::SecurityGroup', body: 'SecurityGroupIngress:\n        - PortRange: 22/22\n          SourceCidrIp: 0.0.0.0/0', path: 'SecurityGroupIngress.SourceCidrIp', label: CONFIGURES, party: 'shared', item: 'network.security-group', reason: /customer who writes the rules/, verdict: /need port 22; 0\.0\.0\.0\/0 opens it/ },
  { name: 'ROS SourceCidrIp, ports all', format: 'ros', type: 'ALIYUN::ECS::SecurityGroupIngress', body: 'PortRange: -1/-1\n      SourceCidrIp: 0.0.0.0/0', path: 'SourceCidrIp', label: CONFIGURES, party: 'shared', item: 'network.security-group', reason: /customer who writes the rules/, verdict: /need every port/ },
  { name: 'RDS allowlist open to all', format: 'tf', type: 'alicloud_db_instance', body: 'security_ips = ["10.0.0.1", "0.0.0.0/0"]', path: 'security_ips', label: CONFIGURES, party: 'shared', item: 'network.ip-allowlist', reason: /which addresses go on the list/, verdict: /0\.0\.0\.0\/0 lets any address connect/ },
  { name: 'ECS public bandwidth', format: 'tf', type: 'alicloud_instance', body: 'internet_max_bandwidth_out = 10', path: 'internet_max_bandwidth_out', label: CONFIGURES, party: 'shared', item: 'network.network-type', reason: /whether it faces the internet/, verdict: /^10 Mbps allocates a public IP address/ },
  { name: 'SLB http listener', format: 'tf', type: 'alicloud_slb_listener', body: 'protocol = "http"', path: 'protocol', label: CONFIGURES, party: 'shared', item: 'data.customer-data.transmission', reason: /configured by the customer/, verdict: /http is not encrypted/ },
  // What the customer alone decides.
  { name: 'ECS password', format: 'tf', type: 'alicloud_instance', body: 'password = var.password', path: 'password', label: OWNS, party: 'customer', item: 'iam.service.credentials', reason: /customer's to keep safe/ },
  { name: 'ROS ECS RamRoleName', format: 'ros', type: 'ALIYUN::ECS::Instance', body: 'RamRoleName: app-role', path: 'RamRoleName', label: OWNS, party: 'customer', item: 'iam.service.user-permission', reason: /who gets which permissions is the customer's decision/ },
  { name: 'OSS public-read ACL', format: 'tf', type: 'alicloud_oss_bucket', body: 'acl = "public-read"', path: 'acl', label: OWNS, party: 'customer', item: 'iam.service.user-permission', reason: /customer's decision/, verdict: /public-read lets anyone on the internet read/ },
  // Images: public (negotiable) versus custom (the customer's).
  { name: 'public image', format: 'tf', type: 'alicloud_instance', body: 'image_id = "ubuntu_22_04_x64_20G_alibase_20240508.vhd"', path: 'image_id', label: NEGOTIABLE, party: 'negotiable', item: 'os.public-image.vulnerability', reason: /who patches after boot is negotiated/ },
  { name: 'custom image', format: 'ros', type: 'ALIYUN::ECS::Instance', body: 'ImageId: m-abc123', path: 'ImageId', label: OWNS, party: 'customer', item: 'os.other-image.build', reason: /built and patched by the customer/ },
  // Host security agent: negotiable; the contract's choice decides.
  { name: 'host security agent', format: 'tf', type: 'alicloud_instance', body: 'security_enhancement_strategy = "Active"', path: 'security_enhancement_strategy', label: NEGOTIABLE, party: 'negotiable', item: 'os.host-monitoring', reason: /Security Center agent/ },
  { name: 'host security agent, contract option c', format: 'tf', type: 'alicloud_instance', body: 'security_enhancement_strategy = "Active"', path: 'security_enhancement_strategy', contract: 'negotiable:\n  iaas:\n    os.host-monitoring: c\n', label: 'Provider (contract)', party: 'provider', item: 'os.host-monitoring', reason: /Your contract/ },
  { name: 'security group, reassigned to a vendor by contract', format: 'tf', type: 'alicloud_security_group_rule', body: 'cidr_ip = "10.0.0.0/8"', path: 'cidr_ip', contract: 'vendors:\n  - name: Example Security\n    contractedBy: customer\n    items: [network.security-group]\n    serviceModels: [iaas]\n', label: 'Shared (contract)', party: 'shared', item: 'network.security-group', reason: /Your contract/ },
  // Deployment modes: the customer runs the platform (cloud-software), the provider supports (managed).
  { name: 'disk encryption, cloud-software', format: 'tf', type: 'alicloud_ecs_disk', body: 'encrypted = true', path: 'encrypted', mode: 'cloud-software', label: RUNS_PLATFORM, party: 'customer', item: 'data.customer-data.storage', reason: /customer runs the platform, the provider does not bear it/ },
  { name: 'zone, cloud-software', format: 'ros', type: 'ALIYUN::ECS::Instance', body: 'ZoneId: cn-hangzhou-h', path: 'ZoneId', mode: 'cloud-software', label: RUNS_PLATFORM, party: 'customer', item: 'physical.disaster-recovery', reason: /customer runs the platform/ },
  { name: 'RDS backup, cloud-software-managed', format: 'tf', type: 'alicloud_db_backup_policy', body: 'backup_retention_period = 7', path: 'backup_retention_period', mode: 'cloud-software-managed', label: SUPPORTS, party: 'customer', item: 'data.customer-data.storage', reason: /provider supports/ },
  { name: 'security group, cloud-software-managed', format: 'tf', type: 'alicloud_security_group_rule', body: 'cidr_ip = "10.0.0.0/8"', path: 'cidr_ip', mode: 'cloud-software-managed', label: CONFIGURES, party: 'shared', item: 'network.security-group', reason: /customer who writes the rules/ },
  { name: 'ECS password, cloud-software', format: 'tf', type: 'alicloud_instance', body: 'password = var.password', path: 'password', mode: 'cloud-software', label: OWNS, party: 'customer', item: 'iam.service.credentials', reason: /customer's to keep safe/ },
];

function template(c: Case): { file: string; text: string } {
  if (c.format === 'tf') return { file: '/ws/main.tf', text: `resource "${c.type}" "r" {\n  ${c.body}\n}\n` };
  return { file: '/ws/stack.ros.yaml', text: `ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  R:\n    Type: ${c.type}\n    Properties:\n      ${c.body}\n` };
}

async function engineFor(contract: string | undefined): Promise<Engine> {
  if (!contract) return sharedEngine();
  const engine = await Engine.create();
  const assets = defaultAssetPaths();
  const { contract: parsed, problems } = readContract(contract, '/ws/.rlens/contract.yaml', engine.knowledge, path.join(assets.matricesDir, 'schema'));
  assert.deepStrictEqual(problems.map((p) => p.message), []);
  engine.setContract(parsed);
  return engine;
}

async function annotationOf(c: Case): Promise<Annotation | undefined> {
  const engine = await engineFor(c.contract);
  const { file, text } = template(c);
  const analysis = engine.analyse(file, file, text, { mode: c.mode ?? 'public-cloud' });
  engine.forget(file);
  assert.strictEqual(analysis.status, 'analysed');
  if (analysis.status !== 'analysed') return undefined;
  return analysis.resources.flatMap((r) => r.annotations).find((a) => a.setting.path === c.path);
}

describe('setting-level responsibility: label, item and reason per setting', () => {
  it(`covers at least 40 settings, both formats and every deployment mode`, () => {
    assert.ok(CASES.length >= 40, `${CASES.length} cases`);
    assert.deepStrictEqual(new Set(CASES.map((c) => c.format)), new Set(['tf', 'ros']));
    assert.deepStrictEqual(new Set(CASES.map((c) => c.mode ?? 'public-cloud')), new Set(['public-cloud', 'cloud-software', 'cloud-software-managed']));
  });

  for (const c of CASES) {
    it(`${c.name} (${c.format}${c.mode ? `, ${c.mode}` : ''}${c.contract ? ', contract' : ''}): ${c.label}`, async () => {
      const annotation = await annotationOf(c);
      assert.ok(annotation, `no annotation for ${c.path}`);
      const r = annotation.resolution;
      assert.strictEqual(r.label.en, c.label);
      assert.strictEqual(r.party, c.party);
      assert.strictEqual(r.rows[0]?.id, c.item);
      assert.match(r.reason.en, c.reason);
      assert.ok(r.reason.zh.length > 0 && r.label.zh.length > 0, 'Chinese label and reason');
      if (c.verdict === null) assert.strictEqual(r.verdict, null);
      else if (c.verdict) assert.match(r.verdict?.text.en ?? '(no verdict)', c.verdict);
      // A label can never tell the author of a line it is not their business: only a contract names another party alone.
      if (!c.contract) assert.ok(r.party !== 'provider' && r.party !== 'vendor', r.party);
      assert.ok([...r.label.en].length <= 28, `"${r.label.en}" is longer than 28 characters`);
    });
  }

  it('no longer annotates the CloudMonitor agent (metrics, not intrusion monitoring)', async () => {
    for (const c of [
      { name: 'node pool', format: 'tf', type: 'alicloud_cs_kubernetes_node_pool', body: 'install_cloud_monitor = true', path: 'install_cloud_monitor' },
      { name: 'ROS cluster', format: 'ros', type: 'ALIYUN::CS::ManagedKubernetesCluster', body: 'CloudMonitorFlags: true', path: 'CloudMonitorFlags' },
    ] as const) {
      const annotation = await annotationOf({ ...c, label: '', party: 'customer', item: '', reason: /./ });
      assert.strictEqual(annotation, undefined, c.name);
    }
  });

  it('gives no mapped setting of the data the provider alone, in any deployment mode', async () => {
    const engine = await sharedEngine();
    const knowledge = engine.knowledge;
    const mappings = [...knowledge.resources.terraform.values(), ...knowledge.resources.ros.values()];
    for (const mode of ['public-cloud', 'cloud-software', 'cloud-software-managed'] as const) {
      const resolver = engine.resolver(mode);
      for (const mapping of mappings) {
        for (const setting of mapping.settings) {
          const r = resolveSetting({ serviceModel: mapping.serviceModel, items: setting.items, path: setting.path, override: setting.acting ?? null, literals: [] }, knowledge.acting, resolver);
          assert.ok(r, `${mapping.file} ${setting.path}`);
          assert.notStrictEqual(r.party, 'provider', `${mapping.file} ${setting.path} (${mode})`);
          assert.notStrictEqual(r.rows[0]?.id, 'data.customer-data.management', `${mapping.file} ${setting.path}: 数据安全 only for classification/compliance`);
        }
      }
    }
  });
});
