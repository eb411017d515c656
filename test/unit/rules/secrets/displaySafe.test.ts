import * as assert from 'assert';
import { maskSecretsIn } from '../../../../server/src/rules/secrets/displaySafe';
import { maskSecret } from '../../../../server/src/rules/secrets/mask';
import { fill } from '../../../../server/src/rules/meta';
import { expiredWaiverMessage } from '../../../../server/src/contract/waivers';
import { sharedEngine } from '../../../helpers/engine';
import { fakes, PREFIX } from './fake';

const f = fakes(1313);
/** An AccessKey-shaped string, assembled at run time. */
const KEY = PREFIX.alibaba + f.alnum(20);
const TENCENT = PREFIX.tencent + f.alnum(32);

describe('maskSecretsIn: file-derived text made safe to show', () => {
  it('masks every credential in a name or a sentence and keeps the rest', () => {
    assert.strictEqual(maskSecretsIn(`keys/${KEY}.tf`), `keys/${maskSecret(KEY)}.tf`);
    assert.strictEqual(maskSecretsIn(`ticket 42: rotated ${KEY} and ${TENCENT} already`), `ticket 42: rotated ${maskSecret(KEY)} and ${maskSecret(TENCENT)} already`);
    assert.strictEqual(maskSecretsIn(`bucket_${KEY}_logs`), `bucket_${maskSecret(KEY)}_logs`);
  });

  it('leaves ordinary names alone and is idempotent', () => {
    for (const name of ['alicloud_instance.web', 'examples/terraform/main.tf', 'WebServerPassword', 'bastion host, reachable only through the VPN', '']) {
      assert.strictEqual(maskSecretsIn(name), name);
    }
    const once = maskSecretsIn(`x ${KEY} y`);
    assert.strictEqual(maskSecretsIn(once), once);
  });
});

describe('message templates', function () {
  this.timeout(60_000);
  it('insert values literally: $&, $\', $` and $1 in a value are not replacement patterns', () => {
    const template = { en: 'Value {value} in {resource}.', zh: '{resource} 中的取值 {value}。' };
    for (const odd of ["$'", '$&', '$`', '$1', '$$', '$<name>']) {
      const filled = fill(template, { value: `a${odd}b`, resource: `r${odd}` });
      assert.strictEqual(filled.en, `Value a${odd}b in r${odd}.`, `en with ${odd}`);
      assert.strictEqual(filled.zh, `r${odd} 中的取值 a${odd}b。`, `zh with ${odd}`);
    }
  });

  it('mask a secret inside any interpolated value or name', () => {
    const filled = fill({ en: 'Ingress from {value} ({resource})', zh: '{resource}：{value}' }, { value: `0.0.0.0/0,${KEY}`, resource: `rule_${KEY}` });
    assert.ok(!filled.en.includes(KEY) && !filled.zh.includes(KEY));
    assert.strictEqual(filled.en, `Ingress from 0.0.0.0/0,${maskSecret(KEY)} (rule_${maskSecret(KEY)})`);
  });

  it('a declarative rule\'s {value} masks the key that hardcoded-secret masks on the same line', async () => {
    const engine = await sharedEngine();
    const text = `resource "alicloud_security_group_rule" "ssh" {\n  type        = "ingress"\n  ip_protocol = "tcp"\n  port_range  = "22/22"\n  cidr_ip     = "0.0.0.0/0,${KEY}"\n}\n`;
    const analysis = engine.analyse('value.tf', 'value.tf', text, { mode: 'public-cloud' });
    engine.forget('value.tf');
    assert.strictEqual(analysis.status, 'analysed');
    if (analysis.status !== 'analysed') return;
    const open = analysis.findings.find((x) => x.ruleId === 'sg-ingress-open-sensitive-port');
    assert.ok(open, 'the open port is reported');
    assert.ok(analysis.findings.some((x) => x.ruleId === 'hardcoded-secret'), 'the key is reported');
    for (const finding of analysis.findings) assert.ok(!finding.message.en.includes(KEY) && !finding.message.zh.includes(KEY), `${finding.ruleId} prints no key`);
    assert.ok(open.message.en.includes(`0.0.0.0/0,${maskSecret(KEY)}`), 'the value is shown, masked');
  });

  it('an expired waiver\'s reason shows a key masked', () => {
    const message = expiredWaiverMessage({ rule: 'hardcoded-secret', expires: '2020-01-01', reason: `old key ${KEY} still in use`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } as Parameters<typeof expiredWaiverMessage>[0]);
    assert.ok(!message.en.includes(KEY) && !message.zh.includes(KEY));
    assert.ok(message.en.includes(maskSecret(KEY)));
  });
});
