/**
 * A hover quotes the template (resource labels, ROS logical ids, values); none of it may become Markdown. A
 * template that names a resource with backticks, a link, an image or HTML must show those characters as text.
 */
import * as assert from 'assert';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';

/** What a hostile label or value tries: break out of a code span, link, load an image, inject HTML. */
const HOSTILE = '`x](https://evil.example/a) ![i](https://evil.example/i.png) <img src=x onerror=alert(1)> <b>bold</b> *em* _u_';

/** Markdown a renderer would turn into a link, an image, HTML or emphasis (an unescaped opener). */
function injected(markdown: string): string[] {
  const problems: string[] = [];
  const unescaped = (pattern: RegExp) => [...markdown.matchAll(pattern)].filter((m) => markdown[(m.index ?? 0) - 1] !== '\\');
  if (unescaped(/!\[/g).length > 0) problems.push('image');
  if (unescaped(/\]\(/g).length > 0) problems.push('link');
  if (unescaped(/<(img|b)\b/g).length > 0) problems.push('html');
  if (unescaped(/`/g).length > 0) problems.push('backtick');
  return problems;
}

describe('hover escapes everything taken from the template', function () {
  this.timeout(30_000);
  let client: LspClient;

  beforeEach(async () => {
    client = await LspClient.start({ language: 'en' });
  });

  afterEach(async () => {
    await client.stop();
  });

  it('a Terraform resource label with backticks, a link, an image and HTML stays text', async () => {
    const uri = 'file:///tmp/rlens-protocol/hostile.tf';
    const name = HOSTILE.replace(/"/g, '');
    const text = `resource "alicloud_security_group_rule" "${name}" {\n  type = "ingress"\n  port_range = "22/22"\n  cidr_ip = "0.0.0.0/0"\n}\n`;
    await client.open(uri, 'terraform', text);
    const hover = await client.hover(uri, { line: 3, character: 3 });
    const markdown = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(markdown, /Allow only the addresses that need port 22/, 'the hover is the cidr_ip one');
    assert.ok(markdown.includes('evil'), 'the label is shown');
    assert.deepStrictEqual(injected(markdown), []);
  });

  it('a ROS logical id and a value with Markdown and HTML stay text', async () => {
    const uri = 'file:///tmp/rlens-protocol/hostile.ros.yaml';
    const text = [
      "ROSTemplateFormatVersion: '2015-09-01'",
      'Resources:',
      `  '${HOSTILE}':`,
      '    Type: ALIYUN::ECS::SecurityGroupIngress',
      '    Properties:',
      '      PortRange: 3389/3389',
      `      SourceCidrIp: '0.0.0.0/0 ${HOSTILE}'`,
      '      IpProtocol: tcp',
      '',
    ].join('\n');
    await client.open(uri, 'yaml', text);
    for (const line of [6, 7]) {
      const hover = await client.hover(uri, { line, character: 8 });
      const markdown = (hover?.contents as MarkupContent | undefined)?.value ?? '';
      assert.ok(markdown.length > 0, `a hover on line ${line + 1}`);
      assert.ok(markdown.includes('evil'), 'the logical id is shown');
      assert.deepStrictEqual(injected(markdown), [], `line ${line + 1}`);
    }
  });
});
