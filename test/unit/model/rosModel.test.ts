import * as assert from 'assert';
import { buildConfigModel, buildRosModel, isRosTemplate } from '../../../server/src/model/rosModel';
import type { IacDocument, Setting } from '../../../server/src/model/types';
import { parseJson } from '../../../server/src/parsers/json/jsonParser';
import { parseYaml } from '../../../server/src/parsers/yaml/yamlParser';
import { carets } from '../../helpers/caret';
import { sharedEngine } from '../../helpers/engine';

function yamlModel(text: string): IacDocument {
  return buildRosModel(parseYaml(text), text, 'ros-yaml');
}

function settingsOf(document: IacDocument, name: string): readonly Setting[] {
  return document.resources.find((r) => r.name === name)?.settings ?? [];
}

const YAML_TEMPLATE = `ROSTemplateFormatVersion: '2015-09-01'
Description: 测试模板
Parameters:
  DbPassword:
    Type: String
    Default: Admin@123
Resources:
  Group:
    Type: ALIYUN::ECS::SecurityGroup
    Properties:
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - SourceCidrIp: 0.0.0.0/0
          PortRange: 22/22
        - SourceCidrIp:
            Fn::Join: ['', ['10.0.', '0.0/8']]
      Tags: !If [IsProd, [], []]
  Server:
    Type: ALIYUN::ECS::Instance
    Properties:
      Password: !Sub '\${DbPassword}'
      UserData:
        Fn::Base64Encode: echo hi
Outputs:
  Secret:
    Value: !GetAtt Key.AccessKeySecret
`;

describe('ROS model', () => {
  it('recognises ROS templates by ROSTemplateFormatVersion only', () => {
    assert.ok(isRosTemplate(parseYaml(YAML_TEMPLATE)));
    assert.ok(!isRosTemplate(parseYaml('apiVersion: v1\nkind: Pod\n')));
    assert.ok(isRosTemplate(parseJson('{"ROSTemplateFormatVersion": "2015-09-01"}')));
  });

  it('accepts every short-form tag without an error', () => {
    const tags = ['Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'If', 'Equals', 'FindInMap', 'Base64Encode', 'Replace', 'Jq'];
    const text = `ROSTemplateFormatVersion: '2015-09-01'\nResources:\n${tags.map((t, i) => `  R${i}:\n    Type: T\n    Properties:\n      A: !${t} x\n      B: !${t} [a, b]\n      C: !${t} {k: v}\n`).join('')}`;
    assert.deepStrictEqual(parseYaml(text).errors, []);
  });

  it('models parameters, resources and outputs with their settings', () => {
    const document = yamlModel(YAML_TEMPLATE);
    assert.deepStrictEqual(
      document.resources.map((r) => [r.kind, r.type, r.name]),
      [
        ['parameter', '', 'DbPassword'],
        ['resource', 'ALIYUN::ECS::SecurityGroup', 'Group'],
        ['resource', 'ALIYUN::ECS::Instance', 'Server'],
        ['output', '', 'Secret'],
      ],
    );
    assert.deepStrictEqual(
      settingsOf(document, 'Group').map((s) => `${s.path}=${s.value.kind === 'literal' ? String(s.value.value) : s.value.kind}`),
      [
        'VpcId=reference',
        'SecurityGroupIngress=list',
        'SecurityGroupIngress=block',
        'SecurityGroupIngress.SourceCidrIp=0.0.0.0/0',
        'SecurityGroupIngress.PortRange=22/22',
        'SecurityGroupIngress=block',
        'SecurityGroupIngress.SourceCidrIp=reference',
        'Tags=reference',
      ],
    );
    assert.deepStrictEqual(settingsOf(document, 'Server').map((s) => s.value), [
      { kind: 'reference', text: 'Fn::Sub: ${DbPassword}' },
      { kind: 'reference', text: 'Fn::Base64Encode: echo hi' },
    ]);
  });

  it('gives the same settings for the same template in JSON', () => {
    const json = JSON.stringify({
      ROSTemplateFormatVersion: '2015-09-01',
      Resources: { Group: { Type: 'ALIYUN::ECS::SecurityGroup', Properties: { VpcId: { Ref: 'Vpc' }, SecurityGroupIngress: [{ SourceCidrIp: '0.0.0.0/0', PortRange: '22/22' }] } } },
    }, null, 2);
    const document = buildRosModel(parseJson(json), json, 'ros-json');
    assert.deepStrictEqual(
      settingsOf(document, 'Group').map((s) => [s.path, s.value.kind]),
      [
        ['VpcId', 'reference'],
        ['SecurityGroupIngress', 'list'],
        ['SecurityGroupIngress', 'block'],
        ['SecurityGroupIngress.SourceCidrIp', 'literal'],
        ['SecurityGroupIngress.PortRange', 'literal'],
      ],
    );
  });

  it('puts ranges at the right UTF-16 column after Chinese text', () => {
    const { text, positions } = carets(`ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  组:\n    Type: ALIYUN::ECS::SecurityGroupIngress\n    Properties: { Description: 允许😀SSH, |SourceCidrIp: |0.0.0.0/0 }\n`);
    const setting = settingsOf(yamlModel(text), '组').find((s) => s.path === 'SourceCidrIp');
    assert.deepStrictEqual(setting?.keyRange.start, positions[0]);
    assert.deepStrictEqual(setting?.valueRange.start, positions[1]);
  });

  it('reports syntax errors and still models what it can', () => {
    const text = `ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  A:\n    Type: ALIYUN::ECS::Instance\n    Properties:\n      Password: "unclosed\n  B:\n`;
    const document = yamlModel(text);
    assert.ok(document.problems.length > 0);
    const jsonText = '{"ROSTemplateFormatVersion": "2015-09-01", "Resources": {"A": {"Type": "ALIYUN::ECS::Instance", "Properties": {"Password": "x",, }}}';
    const json = buildRosModel(parseJson(jsonText), jsonText, 'ros-json');
    assert.ok(json.problems.length > 0);
    assert.deepStrictEqual(json.resources.map((r) => r.name), ['A']);
  });

  describe('references the template decides', () => {
    const OPEN_SSH = `ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  AdminCidr:
    Type: String
    Default: |0.0.0.0/0|
  OtherCidr:
    Type: String
Resources:
  Group:
    Type: ALIYUN::ECS::SecurityGroup
    Properties:
      VpcId: !Ref ALIYUN::StackId
      SecurityGroupIngress:
        - IpProtocol: tcp
          PortRange: 22/22
          SourceCidrIp: !Ref AdminCidr
        - IpProtocol: tcp
          PortRange: 3389/3389
          SourceCidrIp: !Ref OtherCidr
`;

    it('resolves a !Ref to a parameter Default and points at the Default as written', () => {
      const { text, positions } = carets(OPEN_SSH);
      const cidrs = settingsOf(yamlModel(text), 'Group').filter((s) => s.path === 'SecurityGroupIngress.SourceCidrIp');
      assert.deepStrictEqual(cidrs[0]?.value, { kind: 'reference', text: 'Ref: AdminCidr' });
      assert.deepStrictEqual(cidrs[0]?.resolved, {
        value: '0.0.0.0/0',
        file: null,
        range: { start: positions[0], end: positions[1] },
        via: 'Ref AdminCidr → Parameters.AdminCidr.Default',
      });
      assert.strictEqual(cidrs[1]?.resolved, undefined, 'a parameter without a Default stays unknown');
      assert.strictEqual(settingsOf(yamlModel(text), 'Group').find((s) => s.path === 'VpcId')?.resolved, undefined, 'pseudo-parameters stay unknown');
    });

    it('resolves the same reference in JSON', () => {
      const { text, positions } = carets(`{
  "ROSTemplateFormatVersion": "2015-09-01",
  "Parameters": { "AdminCidr": { "Type": "String", "Default": |"0.0.0.0/0"| } },
  "Resources": {
    "Group": {
      "Type": "ALIYUN::ECS::SecurityGroup",
      "Properties": { "SecurityGroupIngress": [{ "PortRange": "22/22", "SourceCidrIp": { "Ref": "AdminCidr" } }] }
    }
  }
}`);
      const document = buildRosModel(parseJson(text), text, 'ros-json');
      const cidr = settingsOf(document, 'Group').find((s) => s.path === 'SecurityGroupIngress.SourceCidrIp');
      assert.strictEqual(cidr?.value.kind, 'reference');
      assert.deepStrictEqual(cidr?.resolved?.range, { start: positions[0], end: positions[1] });
      assert.strictEqual(cidr?.resolved?.value, '0.0.0.0/0');
    });

    it('resolves functions over known inputs, in list elements too, and a list parameter as written', () => {
      const text = `ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Whitelist:
    Type: CommaDelimitedList
    Default: 10.0.0.0/8,0.0.0.0/0
Conditions:
  Always: !Equals [a, a]
Resources:
  Db:
    Type: ALIYUN::RDS::DBInstance
    Properties:
      SecurityIPList: !Ref Whitelist
      Tags:
        - !Join ['-', [a, !If [Always, b, c]]]
        - !GetAtt Other.Arn
`;
      const settings = settingsOf(yamlModel(text), 'Db');
      assert.strictEqual(settings.find((s) => s.path === 'SecurityIPList')?.resolved?.value, '10.0.0.0/8,0.0.0.0/0');
      assert.deepStrictEqual(settings.filter((s) => s.path === 'Tags' && s.value.kind === 'reference').map((s) => s.resolved?.value), ['a-b', undefined]);
    });

    it('still models a resource with Count, leaving ALIYUN::Index unknown', () => {
      const text = `ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Cidr:
    Type: String
    Default: 0.0.0.0/0
Resources:
  Rule:
    Type: ALIYUN::ECS::SecurityGroupIngress
    Count: 3
    Properties:
      Description: !Sub 'rule-\${ALIYUN::Index}'
      PortRange: !Select [!Ref ALIYUN::Index, [22/22, 80/80, 443/443]]
      SourceCidrIp: !Ref Cidr
`;
      const settings = settingsOf(yamlModel(text), 'Rule');
      assert.deepStrictEqual(settings.map((s) => [s.path, s.resolved?.value]), [
        ['Description', undefined],
        ['PortRange', undefined],
        ['SourceCidrIp', '0.0.0.0/0'],
      ]);
    });

    it('does not evaluate references in files that are not ROS templates', () => {
      const text = 'Parameters:\n  A:\n    Default: x\nb: !Ref A\n';
      assert.ok(buildConfigModel(parseYaml(text), text, 'config-yaml').resources[0]?.settings.every((s) => s.resolved === undefined));
    });

    it('lets sg-ingress-open-sensitive-port report a port opened to the world through a parameter Default', async () => {
      const engine = await sharedEngine();
      const { text } = carets(OPEN_SSH);
      const fileName = '/virtual/open-ssh.ros.yaml';
      const analysis = engine.analyse(fileName, fileName, text, { mode: 'public-cloud' });
      engine.forget(fileName);
      assert.strictEqual(analysis.status, 'analysed');
      if (analysis.status !== 'analysed') return;
      const lines = analysis.findings.filter((f) => f.ruleId === 'sg-ingress-open-sensitive-port').map((f) => f.range.start.line + 1);
      assert.deepStrictEqual(lines, [16], 'the SSH rule through AdminCidr, not the RDP rule with an unknown OtherCidr');
    });
  });
});
