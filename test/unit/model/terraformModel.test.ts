import * as assert from 'assert';
import { buildTerraformModel } from '../../../server/src/model/terraformModel';
import type { IacDocument, Setting } from '../../../server/src/model/types';
import { carets } from '../../helpers/caret';
import { terraformParser } from '../../helpers/engine';

async function model(text: string, format: 'terraform' | 'terraform-vars' = 'terraform'): Promise<IacDocument> {
  const tree = (await terraformParser()).parse(text);
  try {
    return buildTerraformModel(tree, format);
  } finally {
    tree.delete();
  }
}

function setting(document: IacDocument, resourceName: string, path: string): Setting {
  const found = document.resources.find((r) => r.name === resourceName)?.settings.find((s) => s.path === path);
  assert.ok(found, `no setting ${path} on ${resourceName}`);
  return found;
}

describe('Terraform model', () => {
  it('models resources, providers, backends and variables with their kinds', async () => {
    const document = await model(`
terraform {
  backend "oss" {
    bucket = "state"
  }
}
provider "alicloud" {
  region = "cn-hangzhou"
}
variable "password" {
  default = "x"
}
resource "alicloud_instance" "web" {
  image_id = "ubuntu_22_04_x64_20G_alibase_20240508.vhd"
}
data "alicloud_images" "ubuntu" {}
output "ip" {
  value = alicloud_instance.web.public_ip
}
`);
    assert.deepStrictEqual(
      document.resources.map((r) => [r.kind, r.type, r.name]),
      [
        ['backend', 'oss', ''],
        ['provider', 'alicloud', ''],
        ['variable', '', 'password'],
        ['resource', 'alicloud_instance', 'web'],
        ['data', 'alicloud_images', 'ubuntu'],
        ['output', '', 'ip'],
      ],
    );
    assert.deepStrictEqual(document.problems, []);
  });

  it('tells literals, references and unknown expressions apart', async () => {
    const document = await model(`
resource "t" "r" {
  a = "text"
  b = 42
  c = true
  d = var.cidr
  e = "\${var.cidr}"
  f = "prefix-\${var.x}"
  g = cidrsubnet(var.block, 8, 1)
  h = <<EOT
line one
EOT
  i = "say \\"hi\\""
  j = null
}
`);
    const value = (path: string) => setting(document, 'r', path).value;
    assert.deepStrictEqual(value('a'), { kind: 'literal', value: 'text' });
    assert.deepStrictEqual(value('b'), { kind: 'literal', value: 42 });
    assert.deepStrictEqual(value('c'), { kind: 'literal', value: true });
    assert.deepStrictEqual(value('d'), { kind: 'reference', text: 'var.cidr' });
    assert.deepStrictEqual(value('e'), { kind: 'reference', text: 'var.cidr' });
    assert.strictEqual(value('f').kind, 'unknown');
    assert.strictEqual(value('g').kind, 'unknown');
    assert.deepStrictEqual(value('h'), { kind: 'literal', value: 'line one' });
    assert.deepStrictEqual(value('i'), { kind: 'literal', value: 'say "hi"' });
    assert.deepStrictEqual(value('j'), { kind: 'literal', value: null });
  });

  it('keeps a string exactly as written between its quotes, spaces and escapes included', async () => {
    // tree-sitter-hcl leaves trailing spaces out of a string's literal part: the value must not lose them.
    const document = await model(`
resource "t" "r" {
  a = "0.0.0.0/0 "
  b = "  padded  "
  c = "ends in a backslash \\\\"
  d = "tab\\tand dollar $\${x}"
  e = ""
}
`);
    const value = (path: string) => setting(document, 'r', path).value;
    assert.deepStrictEqual(value('a'), { kind: 'literal', value: '0.0.0.0/0 ' });
    assert.deepStrictEqual(value('b'), { kind: 'literal', value: '  padded  ' });
    assert.deepStrictEqual(value('c'), { kind: 'literal', value: 'ends in a backslash \\' });
    assert.deepStrictEqual(value('d'), { kind: 'literal', value: 'tab\tand dollar ${x}' });
    assert.deepStrictEqual(value('e'), { kind: 'literal', value: '' });
  });

  it('gives nested blocks, dynamic blocks, objects and list elements dotted paths', async () => {
    const document = await model(`
resource "alicloud_db_instance" "db" {
  security_ips = ["10.0.0.0/8", "0.0.0.0/0"]
  tags = { env = "prod" }
  server_side_encryption_rule {
    sse_algorithm = "KMS"
  }
  dynamic "ingress" {
    for_each = var.rules
    content {
      cidr = ingress.value
    }
  }
}
`);
    const resource = document.resources[0];
    assert.ok(resource);
    const paths = resource.settings.map((s) => `${s.path}=${s.value.kind}`);
    assert.deepStrictEqual(paths, [
      'security_ips=list',
      'security_ips=literal',
      'security_ips=literal',
      'tags=block',
      'tags.env=literal',
      'server_side_encryption_rule=block',
      'server_side_encryption_rule.sse_algorithm=literal',
      'ingress.cidr=reference',
    ]);
  });

  it('reads each .tfvars assignment as an element named after its variable', async () => {
    const document = await model('cidr = "0.0.0.0/0"\nsecret = "abc"\n', 'terraform-vars');
    assert.deepStrictEqual(document.resources.map((r) => [r.kind, r.name]), [['tfvars', 'cidr'], ['tfvars', 'secret']]);
    assert.deepStrictEqual(document.resources[1]?.settings.map((s) => [s.path, s.key, s.value]), [['value', 'secret', { kind: 'literal', value: 'abc' }]]);
  });

  it('puts ranges at the right UTF-16 column after Chinese text and astral characters', async () => {
    const { text, positions } = carets('resource "t" "r" {\n  tags = { 名称 = "测试😀", |cidr_ip = "|0.0.0.0/0" }\n}\n');
    const document = await model(text);
    const cidr = setting(document, 'r', 'tags.cidr_ip');
    assert.deepStrictEqual(cidr.keyRange.start, positions[0]);
    assert.deepStrictEqual(cidr.valueRange.start.line, positions[1]?.line);
    assert.strictEqual(cidr.valueRange.start.character + 1, positions[1]?.character, 'value range starts at the opening quote');
  });

  it('reports syntax errors without quoting the text and still models the rest', async () => {
    const document = await model('resource "a" "b" {\n  password = "abc" +\n}\nresource "e" "f" {\n  fine = 2\n}\n');
    assert.ok(document.problems.length > 0);
    assert.ok(document.resources.some((r) => r.name === 'f' && r.settings.some((s) => s.path === 'fine')));
    for (const problem of document.problems) assert.ok(!problem.message.en.includes('abc') && !problem.message.zh.includes('abc'));
  });

  it('survives 10,000 levels of nesting', async () => {
    const deep = `resource "t" "r" {\n  a = ${'['.repeat(10000)}${']'.repeat(10000)}\n}\n`;
    const document = await model(deep);
    assert.strictEqual(document.resources.length, 1);
  });
});
