import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakes, PREFIX } from '../unit/rules/secrets/fake';

/**
 * A workspace whose names carry an AccessKey-shaped string (assembled at run time, never stored): a file name,
 * a Terraform resource label, a variable name, a ROS logical id, an `rlens:ignore` reason and an expired contract
 * waiver's reason. Each of them reaches some output (a message, a resource field, a code-action title, a hover).
 */
export interface SecretNamesWorkspace {
  readonly dir: string;
  /** The planted key: tests count it in outputs, never print it. */
  readonly key: string;
  readonly contract: string;
  /** The IaC files, absolute. */
  readonly files: readonly string[];
  remove(): void;
}

export function secretNamesWorkspace(seed = 4242): SecretNamesWorkspace {
  const key = PREFIX.alibaba + fakes(seed).alnum(20);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-secret-names-'));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  const openRule = (label: string): string =>
    `resource "alicloud_security_group_rule" "${label}" {\n  type        = "ingress"\n  ip_protocol = "tcp"\n  port_range  = "22/22"\n  cidr_ip     = "0.0.0.0/0"\n}\n`;
  const files = [
    // A key in the file name.
    write(`keys-${key}.tf`, openRule('ssh')),
    write(
      'names.tf',
      [
        // A key in a variable name: variable-secret-not-sensitive names the variable.
        `variable "password_${key}" {\n  type = string\n}\n`,
        // A key in a resource label, and a key in an rlens:ignore reason.
        `# rlens:ignore sg-ingress-open-sensitive-port approved together with ${key}\n${openRule(`rule_${key}`)}`,
        // A key as a resource label whose password the quick fix moves into a variable named after it.
        `resource "alicloud_instance" "${key}" {\n  instance_type = "ecs.g7.large"\n  password      = "Xq7-Vault!Pw2"\n}\n`,
      ].join('\n'),
    ),
    // A key as a ROS logical id (logical ids are letters and digits), with a literal password.
    write(
      'template.ros.yaml',
      `ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Ssh:\n    Type: ALIYUN::ECS::SecurityGroupIngress\n    Properties:\n      SecurityGroupId: sg-123\n      IpProtocol: tcp\n      PortRange: 22/22\n      SourceCidrIp: 0.0.0.0/0\n  ${key}:\n    Type: ALIYUN::ECS::Instance\n    Properties:\n      ImageId: centos_7\n      InstanceType: ecs.g7.large\n      Password: Xq7-Vault!Pw2\n`,
    ),
  ];
  // A waiver that expired, its reason quoting the key.
  const contract = write('.rlens/contract.yaml', `waivers:\n  - rule: sg-ingress-open-sensitive-port\n    expires: 2020-01-31\n    reason: "until ${key} is rotated"\n`);
  return { dir, key, contract, files, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** How many times `key` occurs in `text` (the count is safe to print; the key is not). */
export function occurrences(text: string, key: string): number {
  return text.split(key).length - 1;
}
