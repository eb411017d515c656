import * as assert from 'assert';
import { buildRosModel, isRosTemplate } from '../../../server/src/model/rosModel';
import type { IacDocument, Setting } from '../../../server/src/model/types';
import { parseJson } from '../../../server/src/parsers/json/jsonParser';
import { parseYaml } from '../../../server/src/parsers/yaml/yamlParser';
import { carets } from '../../helpers/caret';

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
});
