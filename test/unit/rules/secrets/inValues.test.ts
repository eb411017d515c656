import * as assert from 'assert';
import type { Finding } from '../../../../server/src/rules/types';
import { maskSecret } from '../../../../server/src/rules/secrets/mask';
import { LineIndex } from '../../../../server/src/util/lineIndex';
import { sharedEngine } from '../../../helpers/engine';
import { fakes, PREFIX } from './fake';

/**
 * Secrets inside values: every key of a script is its own finding at its own range, including the literal parts
 * of expressions the engine does not evaluate (Terraform interpolation, ROS Fn::Sub). Keys are made at run time.
 */
const f = fakes(2026);
const KEYS = {
  alibabaId: PREFIX.alibaba + f.alnum(20),
  alibabaSecret: f.alnum(30),
  tencentId: PREFIX.tencent + f.alnum(32),
  tencentSecret: f.alnum(32),
  awsId: PREFIX.awsLong + f.upper(16),
  awsSecret: f.b64(40),
};
const ENV_LINES = [
  `ALIBABA_CLOUD_ACCESS_KEY_ID=${KEYS.alibabaId}`,
  `ALIBABA_CLOUD_ACCESS_KEY_SECRET=${KEYS.alibabaSecret}`,
  `TENCENTCLOUD_SECRET_ID=${KEYS.tencentId}`,
  `TENCENTCLOUD_SECRET_KEY=${KEYS.tencentSecret}`,
  `AWS_ACCESS_KEY_ID=${KEYS.awsId}`,
  `AWS_SECRET_ACCESS_KEY=${KEYS.awsSecret}`,
];

async function analyse(name: string, text: string): Promise<{ findings: readonly Finding[]; written: (finding: Finding) => string }> {
  const engine = await sharedEngine();
  const analysis = engine.analyse(name, name, text, { mode: 'public-cloud' });
  engine.forget(name);
  assert.strictEqual(analysis.status, 'analysed');
  if (analysis.status !== 'analysed') throw new Error('not analysed');
  assert.deepStrictEqual(analysis.document.problems.map((p) => p.message.en), [], 'the input parses');
  const lines = new LineIndex(text);
  return { findings: analysis.findings, written: (finding) => text.slice(lines.offsetAt(finding.range.start), lines.offsetAt(finding.range.end)) };
}

/** hardcoded-secret reports exactly `expected`, in order, each at the key itself, masked, never twice. */
async function expectSecrets(name: string, text: string, expected: readonly string[], label: string): Promise<void> {
  const { findings, written } = await analyse(name, text);
  const secrets = findings.filter((x) => x.ruleId === 'hardcoded-secret');
  assert.strictEqual(secrets.length, expected.length, `${label}: ${secrets.length} findings, expected ${expected.length}`);
  secrets.forEach((finding, i) => {
    const key = expected[i] as string;
    assert.ok(written(finding) === key, `${label}: finding ${i + 1} points at its key`);
    assert.strictEqual(finding.secret?.masked, maskSecret(key), `${label}: finding ${i + 1} carries the masked key`);
    for (const k of Object.values(KEYS)) assert.ok(!finding.message.en.includes(k) && !finding.message.zh.includes(k), `${label}: message ${i + 1} is masked`);
  });
  const places = new Set(secrets.map((x) => JSON.stringify(x.range)));
  assert.strictEqual(places.size, secrets.length, `${label}: no two findings at the same place`);
}

const ALL = Object.values(KEYS);

describe('secrets inside values', function () {
  this.timeout(60_000);

  describe('one finding per secret, each at its own range', () => {
    it('a quoted user_data with six keys, lines joined by \\n escapes', async () => {
      const script = ['#!/bin/bash', ...ENV_LINES.map((l) => `export ${l}`)].join('\\n');
      await expectSecrets('six.tf', `resource "alicloud_instance" "web" {\n  user_data = "${script}"\n}\n`, ALL, 'quoted');
    });

    it('a heredoc user_data with six keys', async () => {
      const text = `resource "alicloud_instance" "web" {\n  user_data = <<-EOT\n    #!/bin/bash\n${ENV_LINES.map((l) => `    export ${l}`).join('\n')}\n  EOT\n}\n`;
      await expectSecrets('heredoc.tf', text, ALL, 'heredoc');
    });

    it('a ROS UserData block scalar with six keys', async () => {
      const text = `ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Server:\n    Type: ALIYUN::ECS::Instance\n    Properties:\n      UserData: |\n        #!/bin/bash\n${ENV_LINES.map((l) => `        export ${l}`).join('\n')}\n`;
      await expectSecrets('six.ros.yaml', text, ALL, 'ROS YAML');
    });

    it('a ROS JSON UserData string with six keys', async () => {
      const script = ['#!/bin/bash', ...ENV_LINES.map((l) => `export ${l}`)].join('\n');
      const template = { ROSTemplateFormatVersion: '2015-09-01', Resources: { Server: { Type: 'ALIYUN::ECS::Instance', Properties: { UserData: script } } } };
      await expectSecrets('six.ros.json', JSON.stringify(template, null, 2), ALL, 'ROS JSON');
    });

    it('the same key twice in a script is two findings, each where it is written', async () => {
      const id = KEYS.alibabaId;
      await expectSecrets('twice.tf', `resource "alicloud_instance" "web" {\n  user_data = "A=${id}\\nB=${id}"\n}\n`, [id, id], 'twice');
    });

    it('many keys in one value, some repeated: each finding at its own occurrence', async () => {
      const g = fakes(3030);
      const distinct = Array.from({ length: 200 }, () => PREFIX.alibaba + g.alnum(20));
      const repeated = distinct[0] as string;
      const keys = distinct.flatMap((k) => [k, repeated]);
      const script = keys.map((k, i) => `K${i}=${k}`).join('\\n');
      await expectSecrets('many.tf', `resource "alicloud_instance" "web" {\n  user_data = "${script}"\n}\n`, keys, 'many');
    });
  });

  describe('Terraform interpolated strings: the literal parts', () => {
    it('a key after, before or between interpolations', async () => {
      const id = KEYS.alibabaId;
      const text = [
        'resource "alicloud_instance" "web" {',
        `  user_data   = "\${var.prefix}${id}"`,
        `  description = "${id}\${var.suffix}"`,
        `  tags        = { note = "a \${var.x} b ${KEYS.awsId} c \${var.y}" }`,
        '}',
        '',
      ].join('\n');
      await expectSecrets('interp.tf', text, [id, id, KEYS.awsId], 'interpolated');
    });

    it('a heredoc with interpolations and directives', async () => {
      const text = `resource "alicloud_instance" "web" {\n  user_data = <<EOT\n#!/bin/bash\necho \${var.region}\n%{ if var.debug }set -x%{ endif }\nexport ALIBABA_CLOUD_ACCESS_KEY_ID=${KEYS.alibabaId}\nexport ALIBABA_CLOUD_ACCESS_KEY_SECRET=${KEYS.alibabaSecret}\nEOT\n}\n`;
      await expectSecrets('interp-heredoc.tf', text, [KEYS.alibabaId, KEYS.alibabaSecret], 'heredoc with interpolation');
    });

    it('a string literal inside an interpolation or a function call', async () => {
      const text = `resource "alicloud_instance" "web" {\n  user_data = "\${format("%s-%s", var.x, "${KEYS.alibabaId}")}"\n  description = base64encode("${KEYS.tencentId}")\n}\n`;
      await expectSecrets('call.tf', text, [KEYS.alibabaId, KEYS.tencentId], 'function arguments');
    });

    it('references and interpolations alone are not secrets', async () => {
      const text = `resource "alicloud_instance" "web" {\n  user_data   = "\${var.access_key}\${local.secret_key}"\n  description = "key \${var.LTAI_name} for \${data.x.y}"\n  password    = "\${var.password}"\n}\n`;
      await expectSecrets('refs.tf', text, [], 'references');
    });
  });

  describe('ROS Fn::Sub: the literal parts', () => {
    const header = `ROSTemplateFormatVersion: '2015-09-01'\nParameters:\n  Region:\n    Type: String\nResources:\n  Server:\n    Type: ALIYUN::ECS::Instance\n    Properties:\n`;

    it('YAML !Sub string', async () => {
      await expectSecrets('sub.ros.yaml', `${header}      UserData: !Sub 'export REGION=\${Region} ALIBABA_CLOUD_ACCESS_KEY_ID=${KEYS.alibabaId}'\n`, [KEYS.alibabaId], '!Sub');
    });

    it('YAML Fn::Sub block scalar with a variable map, keys in the text and in the map', async () => {
      const text = `${header}      UserData:\n        Fn::Sub:\n          - |\n            echo \${Region}\n            export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${KEYS.alibabaSecret}\n            export T=\${Token}\n          - Token: ${KEYS.tencentId}\n`;
      await expectSecrets('sub-list.ros.yaml', text, [KEYS.alibabaSecret, KEYS.tencentId], 'Fn::Sub list');
    });

    it('JSON Fn::Sub, string and [string, map] forms', async () => {
      const template = {
        ROSTemplateFormatVersion: '2015-09-01',
        Parameters: { Region: { Type: 'String' } },
        Resources: {
          One: { Type: 'ALIYUN::ECS::Instance', Properties: { UserData: { 'Fn::Sub': `echo \${Region}\nexport ALIBABA_CLOUD_ACCESS_KEY_ID=${KEYS.alibabaId}` } } },
          Two: { Type: 'ALIYUN::ECS::Instance', Properties: { UserData: { 'Fn::Sub': [`export K=\${Key} AWS=${KEYS.awsId}`, { Key: KEYS.alibabaId }] } } },
        },
      };
      await expectSecrets('sub.ros.json', JSON.stringify(template, null, 2), [KEYS.alibabaId, KEYS.awsId, KEYS.alibabaId], 'JSON Fn::Sub');
    });

    it('Sub variables and parameters are not secrets; a parameter\'s key is reported once, at its Default', async () => {
      const text = `ROSTemplateFormatVersion: '2015-09-01'\nParameters:\n  Deploy:\n    Type: String\n    Default: ${KEYS.alibabaId}\nResources:\n  Server:\n    Type: ALIYUN::ECS::Instance\n    Properties:\n      UserData: !Sub 'export ALIBABA_CLOUD_ACCESS_KEY_ID=\${Deploy} \${ALIYUN::Region}'\n`;
      await expectSecrets('param.ros.yaml', text, [KEYS.alibabaId], 'parameter default');
    });
  });

  it('a variable\'s literal default that holds a key is one finding (variable-secret-literal-default), not two', async () => {
    const { findings } = await analyse('default.tf', `variable "deploy" {\n  default = "${KEYS.alibabaId}"\n}\n`);
    assert.deepStrictEqual(findings.filter((x) => x.secret).map((x) => x.ruleId), ['variable-secret-literal-default']);
  });
});
