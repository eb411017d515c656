import * as assert from 'assert';
import { createHash } from 'crypto';
import { detectSecrets } from '../../../../server/src/rules/secrets/detect';
import { maskSecret, secretHash, toEvidence } from '../../../../server/src/rules/secrets/mask';
import { fakePem, fakes, PREFIX, rng, pick, ALNUM } from './fake';

/** How many characters of `value` the mask reveals (everything except the ellipsis and the asterisks). */
function revealed(masked: string): number {
  return Array.from(masked.replace(/^\*{4}$/, '').replace('…', '')).length;
}

describe('secret masking', () => {
  it('keeps the first 4 and last 2 characters of values of 10 or more characters', () => {
    const v = fakes(100).alnum(24);
    const m = maskSecret(v);
    assert.ok(m === `${v.slice(0, 4)}…${v.slice(-2)}`, 'shape of the mask');
    assert.strictEqual(revealed(m), 6);
  });

  it('masks values shorter than 10 characters completely', () => {
    const f = fakes(101);
    for (let n = 0; n < 10; n++) assert.strictEqual(maskSecret(f.alnum(n)), '****', `length ${n}`);
    assert.strictEqual(revealed(maskSecret(f.alnum(10))), 6);
  });

  it('never reveals more than 6 characters, nor any 7 consecutive ones, for any length', () => {
    const next = rng(102);
    for (let n = 0; n <= 200; n++) {
      const v = pick(next, ALNUM + '+/=_-', n);
      const m = maskSecret(v);
      assert.ok(revealed(m) <= 6, `length ${n}: too many characters revealed`);
      for (let i = 0; i + 7 <= v.length; i++) assert.ok(!m.includes(v.slice(i, i + 7)), `length ${n}: a 7-character run leaked`);
    }
  });

  it('does not split surrogate pairs', () => {
    const m = maskSecret('🔑🔑' + 'abcdefgh' + '🔒');
    assert.strictEqual(m, '🔑🔑ab…h🔒');
  });

  it('hashes with sha256 hex', () => {
    assert.strictEqual(secretHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const v = fakes(103).alnum(30);
    assert.ok(/^[0-9a-f]{64}$/.test(secretHash(v)), 'hex digest');
    assert.strictEqual(secretHash(v), createHash('sha256').update(v).digest('hex'));
    assert.notStrictEqual(secretHash(v), secretHash(v + 'x'));
  });

  it('builds evidence that never contains the value', () => {
    const v = PREFIX.alibaba + fakes(104).alnum(20);
    const e = toEvidence(v, 'alibaba-access-key-id');
    assert.strictEqual(e.kind, 'alibaba-access-key-id');
    assert.strictEqual(e.hash, secretHash(v));
    assert.ok(e.masked === maskSecret(v), 'masked form');
    assert.ok(!JSON.stringify(e).includes(v.slice(4, -2)), 'evidence leaks the middle of the value');
  });

  it('masks what the detectors find, including multi-line private keys', () => {
    const pem = fakePem(105);
    const id = PREFIX.tencent + fakes(106).alnum(32);
    const text = `${pem}\nsecret_id = "${id}"\n`;
    for (const m of detectSecrets(text, {})) {
      const value = text.slice(m.start, m.end);
      const masked = toEvidence(value, m.kind).masked;
      assert.ok(revealed(masked) <= 6, `${m.kind}: too much revealed`);
      assert.ok(!masked.includes('\n'), `${m.kind}: mask spans lines`);
    }
  });
});
