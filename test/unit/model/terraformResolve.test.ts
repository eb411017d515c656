import * as assert from 'assert';
import { buildTerraformModel } from '../../../server/src/model/terraformModel';
import { resolveTerraformReferences, type ModuleMember } from '../../../server/src/model/terraformResolve';
import type { IacDocument, Resolution } from '../../../server/src/model/types';
import { terraformParser } from '../../helpers/engine';

async function model(text: string, kind: 'terraform' | 'terraform-vars' = 'terraform'): Promise<IacDocument> {
  const tree = (await terraformParser()).parse(text);
  try {
    return buildTerraformModel(tree, kind);
  } finally {
    tree.delete();
  }
}

async function resolvedOf(main: string, members: { file: string; text: string }[], path = 'cidr_ip'): Promise<Resolution | undefined> {
  const others: ModuleMember[] = [];
  for (const m of members) others.push({ file: m.file, document: await model(m.text, m.file.endsWith('.tfvars') ? 'terraform-vars' : 'terraform') });
  const document = resolveTerraformReferences(await model(main), others);
  return document.resources.flatMap((r) => r.settings).find((s) => s.path === path)?.resolved;
}

const RULE = 'resource "alicloud_security_group_rule" "r" {\n  cidr_ip = var.cidr\n}\n';

describe('Terraform values across the module', () => {
  it('uses a variable default written in another file, and says where', async () => {
    const resolved = await resolvedOf(RULE, [{ file: '/m/variables.tf', text: 'variable "cidr" {\n  default = "0.0.0.0/0"\n}\n' }]);
    assert.deepStrictEqual(resolved && { value: resolved.value, file: resolved.file, line: resolved.range.start.line }, { value: '0.0.0.0/0', file: '/m/variables.tf', line: 1 });
    assert.match(resolved?.via ?? '', /var\.cidr → default in variables\.tf/);
  });

  it('prefers terraform.tfvars to the default, and *.auto.tfvars to terraform.tfvars', async () => {
    const variables = { file: '/m/variables.tf', text: 'variable "cidr" {\n  default = "10.0.0.0/8"\n}\n' };
    const tfvars = { file: '/m/terraform.tfvars', text: 'cidr = "0.0.0.0/0"\n' };
    const auto = { file: '/m/prod.auto.tfvars', text: 'cidr = "192.168.0.0/16"\n' };
    assert.strictEqual((await resolvedOf(RULE, [variables, tfvars]))?.value, '0.0.0.0/0');
    assert.strictEqual((await resolvedOf(RULE, [auto, variables, tfvars]))?.value, '192.168.0.0/16');
  });

  it('follows locals and variables through each other, and stops on a cycle', async () => {
    const chain = 'locals {\n  a = local.b\n  b = var.c\n}\nvariable "c" {\n  default = "::/0"\n}\n';
    const main = 'resource "alicloud_security_group_rule" "r" {\n  cidr_ip = local.a\n}\n';
    assert.strictEqual((await resolvedOf(main, [{ file: '/m/locals.tf', text: chain }]))?.value, '::/0');
    const cycle = 'locals {\n  a = local.b\n  b = local.a\n}\n';
    assert.strictEqual(await resolvedOf(main, [{ file: '/m/locals.tf', text: cycle }]), undefined);
  });

  it('reads a list default as the whitelist it stands for, and leaves expressions unresolved', async () => {
    const list = await resolvedOf('resource "alicloud_db_instance" "d" {\n  security_ips = var.ips\n}\n', [{ file: '/m/v.tf', text: 'variable "ips" {\n  default = ["10.0.0.0/8", "0.0.0.0/0"]\n}\n' }], 'security_ips');
    assert.strictEqual(list?.value, '10.0.0.0/8,0.0.0.0/0');
    assert.strictEqual(await resolvedOf(RULE, [{ file: '/m/v.tf', text: 'variable "cidr" {\n  default = cidrsubnet("10.0.0.0/8", 8, 1)\n}\n' }]), undefined);
    assert.strictEqual(await resolvedOf(RULE, []), undefined);
  });
});
