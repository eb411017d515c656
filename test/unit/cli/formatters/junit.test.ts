import * as assert from 'assert';
import { escapeXmlAttribute, escapeXmlText, formatJunit } from '../../../../server/src/cli/formatters/junit';
import { FINDINGS, NASTY_NAME, sampleReport } from './sample-report';

interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(#x?[0-9A-Fa-f]+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? ''),
  );
}

/**
 * A small well-formedness check, enough for what the formatter writes (no comments, CDATA or DTD): one XML
 * declaration, balanced tags under one root, quoted attributes, no raw `<` or stray `&` in text or attribute
 * values, and no character XML 1.0 forbids. Returns the element tree.
 */
function parseXml(xml: string): XmlElement {
  assert.ok(!/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(xml), 'only XML 1.0 characters');
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  assert.ok(declaration, 'XML declaration first');
  const body = xml.slice(declaration[0].length);
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  const attribute = /\s+([A-Za-z_][\w.-]*)="([^"<]*)"/g;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let consumed = 0;
  for (let m = token.exec(body); m; m = token.exec(body)) {
    consumed = token.lastIndex;
    const [, closing, name, attrs, selfClosing, text] = m;
    if (text !== undefined) {
      assert.ok(!/&(?!(#x?[0-9A-Fa-f]+|amp|lt|gt|quot|apos);)/.test(text), `stray & in ${JSON.stringify(text)}`);
      const top = stack[stack.length - 1];
      if (top) top.text += decode(text);
      else assert.ok(/^\s*$/.test(text), 'only whitespace outside the root');
      continue;
    }
    if (closing) {
      const open = stack.pop();
      assert.strictEqual(open?.name, name, `</${name ?? ''}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of (attrs ?? '').matchAll(attribute)) {
      const [, key = '', value = ''] = a;
      assert.ok(!(key in attributes), `duplicate attribute ${key}`);
      assert.ok(!/&(?!(#x?[0-9A-Fa-f]+|amp|lt|gt|quot|apos);)/.test(value), `stray & in attribute ${key}`);
      attributes[key] = decode(value);
    }
    const element: XmlElement = { name: name ?? '', attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else {
      assert.strictEqual(root, undefined, 'a single root element');
      root = element;
    }
    if (!selfClosing) stack.push(element);
  }
  assert.strictEqual(consumed, body.length, `unparsable XML at ${JSON.stringify(body.slice(consumed, consumed + 40))}`);
  assert.strictEqual(stack.length, 0, 'every tag closed');
  assert.ok(root);
  return root;
}

function all(element: XmlElement, name: string): XmlElement[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((c) => all(c, name))];
}

describe('formatJunit', () => {
  it('is well-formed XML with one <testsuites> whose counts add up', () => {
    const root = parseXml(formatJunit(sampleReport(), { language: 'en' }));
    assert.strictEqual(root.name, 'testsuites');
    assert.deepStrictEqual({ ...root.attributes }, { name: 'rlens', tests: '5', failures: '3', errors: '1', skipped: '1' });
    const suites = root.children;
    assert.ok(suites.every((s) => s.name === 'testsuite'));
    for (const key of ['tests', 'failures', 'errors', 'skipped']) {
      assert.strictEqual(suites.reduce((sum, s) => sum + Number(s.attributes[key]), 0), Number(root.attributes[key]), key);
    }
    for (const suite of suites) assert.strictEqual(Number(suite.attributes['tests']), suite.children.length);
  });

  it('writes one suite per file with findings or errors and one test case per finding', () => {
    const root = parseXml(formatJunit(sampleReport(), { language: 'en' }));
    assert.deepStrictEqual(root.children.map((s) => s.attributes['name']), ['broken.tf', 'infra/main.tf', 'ros/存储.yaml']);
    const cases = all(root, 'testcase');
    assert.strictEqual(cases.length, 5);
    const sg = cases.find((c) => c.attributes['name']?.startsWith('sg-ingress-open-sensitive-port'));
    assert.ok(sg);
    assert.strictEqual(sg.attributes['classname'], 'infra/main.tf');
    assert.strictEqual(sg.attributes['name'], `sg-ingress-open-sensitive-port alicloud_security_group_rule.${NASTY_NAME} at line 12`);
    const failure = sg.children[0];
    assert.strictEqual(failure?.name, 'failure');
    assert.strictEqual(failure.attributes['type'], 'critical');
    assert.strictEqual(failure.attributes['message'], FINDINGS[1]?.message.en);
    assert.ok(failure.text.includes('infra/main.tf:12:13-12:24'), failure.text);
    assert.ok(failure.text.includes(`Resource: alicloud_security_group_rule.${NASTY_NAME}`));
    assert.ok(failure.text.includes('Responsibility: Configure security groups (Provider: × does not; Customer: ✓ bears it; Security vendor: × does not)'), failure.text);
  });

  it('writes the suppressed finding as <skipped> with its reason, and the scan error as <error>', () => {
    const root = parseXml(formatJunit(sampleReport(), { language: 'en' }));
    const skipped = all(root, 'skipped');
    assert.strictEqual(skipped.length, 1);
    assert.strictEqual(skipped[0]?.attributes['message'], FINDINGS[3]?.suppressed?.reason);
    const errors = all(root, 'error');
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(errors[0]?.attributes['type'], 'scan-error');
    assert.ok(errors[0]?.attributes['message']?.startsWith('Unexpected "}" at line 4'));
  });

  it('escapes markup characters and writes characters XML 1.0 forbids as visible escapes', () => {
    const xml = formatJunit(sampleReport(), { language: 'en' });
    assert.ok(!xml.includes(NASTY_NAME));
    assert.ok(xml.includes('web&lt;&amp;&quot;&apos;&gt;'));
    assert.ok(!xml.includes('\u0007'));
    assert.ok(xml.includes('\\u{7}'));
    assert.strictEqual(escapeXmlText('a<b>&c'), 'a&lt;b&gt;&amp;c');
    assert.strictEqual(escapeXmlAttribute('x"\'\n\ty'), 'x&quot;&apos;&#10;&#9;y');
    assert.strictEqual(escapeXmlText('\u0000\uFFFF\uD800 ok 😀'), '\\u{0}\\u{FFFF}\\u{D800} ok 😀');
  });

  it('writes the chosen language', () => {
    const root = parseXml(formatJunit(sampleReport(), { language: 'zh-cn' }));
    const cases = all(root, 'testcase');
    assert.ok(cases.some((c) => c.attributes['name'] === 'oss-bucket-public-read ALIYUN::OSS::Bucket.Logs 第 7 行'));
    const failure = all(root, 'failure').find((f) => f.attributes['message'] === FINDINGS[2]?.message.zh);
    assert.ok(failure);
    assert.ok(failure.text.includes('资源：ALIYUN::OSS::Bucket.Logs\n责任：数据访问控制（云服务商：× 不承担；客户：✓ 承担；云安全厂商：× 不承担）'), failure.text);
  });

  it('writes one passing test case when there are no findings', () => {
    const root = parseXml(formatJunit(sampleReport({ findings: [], errors: [] }), { language: 'en' }));
    assert.deepStrictEqual({ ...root.attributes }, { name: 'rlens', tests: '1', failures: '0', errors: '0', skipped: '0' });
    const cases = all(root, 'testcase');
    assert.strictEqual(cases.length, 1);
    assert.strictEqual(cases[0]?.attributes['name'], '3 file(s) scanned, no findings');
    assert.deepStrictEqual(cases[0]?.children, []);
  });

  it('the well-formedness check rejects broken XML', () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
    assert.throws(() => parseXml(`${head}<a><b></a></b>`));
    assert.throws(() => parseXml(`${head}<a x="1 & 2"/>`));
    assert.throws(() => parseXml(`${head}<a>1 < 2</a>`));
    assert.throws(() => parseXml(`${head}<a/><b/>`));
    assert.throws(() => parseXml(`${head}<a>\u0001</a>`));
    assert.doesNotThrow(() => parseXml(`${head}<a x="&lt;&amp;"><b/>t &amp; u</a>\n`));
  });
});
