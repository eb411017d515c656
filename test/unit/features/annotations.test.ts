import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FileAnalysis } from '../../../server/src/engine';
import { hoverMarkdown } from '../../../server/src/features/hover';
import { hintLabel } from '../../../server/src/features/labels';
import { lensTitle } from '../../../server/src/features/codeLens';
import type { Annotation } from '../../../server/src/features/annotations';
import { sharedEngine } from '../../helpers/engine';

const examples = path.resolve(__dirname, '../../../examples');

async function analyse(file: string, mode: 'public-cloud' | 'cloud-software' = 'public-cloud'): Promise<Extract<FileAnalysis, { status: 'analysed' }>> {
  const engine = await sharedEngine();
  const analysis = engine.analyse(file, file, fs.readFileSync(file, 'utf8'), { mode });
  engine.forget(file);
  assert.strictEqual(analysis.status, 'analysed');
  return analysis as Extract<FileAnalysis, { status: 'analysed' }>;
}

/** `resource` is a name, or `type.name` where names repeat across types. */
function annotation(analysis: Extract<FileAnalysis, { status: 'analysed' }>, resource: string, settingPath: string): Annotation {
  const matches = (r: { type: string; name: string }) => r.name === resource || `${r.type}.${r.name}` === resource;
  const found = analysis.resources.find((r) => matches(r.resource))?.annotations.find((a) => a.setting.path === settingPath);
  assert.ok(found, `no annotation ${resource}.${settingPath}`);
  return found;
}

describe('annotations', () => {
  it('explains cidr_ip of a security-group rule: provider provides, customer configures (IaaS, 表1)', async () => {
    const analysis = await analyse(path.join(examples, 'terraform/main.tf'));
    const cidr = annotation(analysis, 'allow_ssh', 'cidr_ip');
    assert.strictEqual(cidr.rows[0]?.id, 'network.security-group');
    assert.strictEqual(cidr.serviceModel, 'iaas');
    assert.strictEqual(cidr.responsibility, 'shared');
    assert.strictEqual(hintLabel(cidr, 'zh-cn'), '客户配置 · 云商提供');
    const zh = hoverMarkdown(cidr, undefined, 'zh-cn');
    assert.match(zh, /承担为云服务客户提供安全组功能的责任/, 'what the provider does');
    assert.match(zh, /为云服务设置合理的安全组，以控制云服务间的/, 'what configuring them means: the customer\'s part');
    assert.match(zh, /表1/);
    assert.match(zh, /网络控制安全/);
    const en = hoverMarkdown(cidr, undefined, 'en');
    assert.match(en, /security-group function/);
    assert.match(en, /Service model: IaaS/);
  });

  it('picks image items by value and shows a negotiable row with its options', async () => {
    const analysis = await analyse(path.join(examples, 'terraform/main.tf'));
    const image = annotation(analysis, 'alicloud_instance.web', 'image_id');
    assert.strictEqual(image.rows[0]?.scope?.id, 'public-image');
    assert.strictEqual(image.responsibility, 'negotiable');
    const hover = hoverMarkdown(image, undefined, 'en');
    assert.match(hover, /has not chosen an option/);
    assert.match(hover, /Option a\)/);
    assert.match(hover, /Option b\)/);
  });

  it('annotates the same settings with the same items in ROS YAML, ROS JSON and Terraform', async () => {
    const yaml = await analyse(path.join(examples, 'ros/web-stack.ros.yaml'));
    const json = await analyse(path.join(examples, 'ros/web-stack.ros.json'));
    const summary = (analysis: typeof yaml) =>
      analysis.resources.flatMap((r) => r.annotations.map((a) => `${r.resource.name}.${a.setting.path}:${a.rows.map((row) => row.id).join('+')}:${a.responsibility}`));
    assert.deepStrictEqual(summary(json), summary(yaml));

    const terraform = await analyse(path.join(examples, 'terraform/main.tf'));
    const pairs: [string, string, string, string][] = [
      ['allow_ssh', 'cidr_ip', 'SecurityGroup', 'SecurityGroupIngress.SourceCidrIp'],
      ['allow_ssh', 'port_range', 'SecurityGroup', 'SecurityGroupIngress.PortRange'],
      ['alicloud_instance.web', 'image_id', 'WebServer', 'ImageId'],
      ['alicloud_instance.web', 'password', 'WebServer', 'Password'],
      ['alicloud_instance.web', 'internet_max_bandwidth_out', 'WebServer', 'InternetMaxBandwidthOut'],
    ];
    for (const [tfResource, tfSetting, rosResource, rosSetting] of pairs) {
      const tf = annotation(terraform, tfResource, tfSetting);
      const ros = annotation(yaml, rosResource, rosSetting);
      assert.deepStrictEqual(ros.rows.map((r) => r.id), tf.rows.map((r) => r.id), `${tfSetting} ~ ${rosSetting}`);
      assert.strictEqual(ros.responsibility, tf.responsibility);
    }
  });

  it('follows the deployment mode', async () => {
    const standard = await analyse(path.join(examples, 'terraform/main.tf'), 'public-cloud');
    const shifted = await analyse(path.join(examples, 'terraform/main.tf'), 'cloud-software');
    const before = annotation(standard, 'allow_ssh', 'cidr_ip').rows[0];
    const after = annotation(shifted, 'allow_ssh', 'cidr_ip').rows[0];
    assert.strictEqual(before?.modeNote, null);
    assert.ok(after?.modeNote, 'cloud-software explains its reading of network rows');
  });

  it('summarises a resource in its code lens', async () => {
    const analysis = await analyse(path.join(examples, 'terraform/main.tf'));
    const web = analysis.resources.find((r) => r.resource.type === 'alicloud_instance' && r.resource.name === 'web');
    assert.ok(web);
    // What the customer must act on, by setting: the value to check first, then what it decides alone.
    assert.match(lensTitle(web, 'en'), /^IaaS · check internet_max_bandwidth_out · Customer decides: password, user_data · /);
    assert.match(lensTitle(web, 'zh-cn'), /^IaaS · 请检查 internet_max_bandwidth_out · 客户负责：password, user_data · /);
  });

  it('says in its code lens when a mapped resource sets nothing security-relevant', async () => {
    const engine = await sharedEngine();
    const file = path.join(examples, 'terraform/quiet.tf');
    const analysis = engine.analyse(file, file, 'resource "alicloud_instance" "quiet" {\n  instance_name = "a"\n}\n', { mode: 'public-cloud' });
    engine.forget(file);
    assert.strictEqual(analysis.status, 'analysed');
    const entry = analysis.status === 'analysed' ? analysis.resources[0] : undefined;
    assert.ok(entry);
    assert.strictEqual(lensTitle(entry, 'en'), 'IaaS · nothing security-relevant set here');
    assert.strictEqual(lensTitle(entry, 'zh-cn'), 'IaaS · 此处未设置与安全相关的项');
  });
});
