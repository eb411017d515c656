import * as assert from 'assert';
import { admitsEveryAddress, coversAnyPort, evaluate, MAX_PATTERN_INPUT, scopeOf, type Condition } from '../../../server/src/rules/declarative/conditions';
import type { Setting, Value } from '../../../server/src/model/types';

const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
function setting(path: string, value: Value): Setting {
  return { path, key: path.split('.').pop() ?? path, keyRange: at, value, valueRange: at };
}
const literal = (value: string | number | boolean): Value => ({ kind: 'literal', value });
const reference: Value = { kind: 'reference', text: 'var.x' };

describe('rule conditions', () => {
  it('is three-valued: a reference never makes a condition true, and not() keeps it unknown', () => {
    const scope = scopeOf([setting('cidr_ip', reference)]);
    assert.strictEqual(evaluate({ path: 'cidr_ip', cidrOpen: true }, scope), 'unknown');
    assert.strictEqual(evaluate({ not: { path: 'cidr_ip', cidrOpen: true } }, scope), 'unknown');
    assert.strictEqual(evaluate({ all: [{ path: 'cidr_ip', cidrOpen: true }, { path: 'missing', absent: true }] }, scope), 'unknown');
    assert.strictEqual(evaluate({ any: [{ path: 'cidr_ip', cidrOpen: true }, { path: 'missing', absent: true }] }, scope), true);
  });

  it('checks list elements one by one', () => {
    const scope = scopeOf([setting('security_ips', literal('10.0.0.0/8')), setting('security_ips', literal('0.0.0.0/0'))]);
    assert.strictEqual(evaluate({ path: 'security_ips', cidrOpen: true }, scope), true);
    assert.strictEqual(evaluate({ path: 'security_ips', equals: '10.0.0.0/8' }, scope), true);
  });

  it('compares numbers and booleans with their string spellings', () => {
    const scope = scopeOf([setting('encrypted', literal('true')), setting('size', literal('40'))]);
    assert.strictEqual(evaluate({ path: 'encrypted', equals: true }, scope), true);
    assert.strictEqual(evaluate({ path: 'size', greaterThan: 20 }, scope), true);
    assert.strictEqual(evaluate({ path: 'size', lessThan: 20 }, scope), false);
  });

  it('reads CIDR whitelists and port ranges', () => {
    assert.ok(admitsEveryAddress('10.0.0.0/8,0.0.0.0/0'));
    assert.ok(admitsEveryAddress('::/0'));
    assert.ok(!admitsEveryAddress('10.0.0.0/8'));
    assert.ok(coversAnyPort('1/65535', [22]));
    assert.ok(coversAnyPort('-1/-1', [3389]));
    assert.ok(!coversAnyPort('443/443', [22, 3389]));
  });

  it('does not run a pattern on a value longer than the limit, whatever the pattern', () => {
    const huge = 'a'.repeat(MAX_PATTERN_INPUT + 1);
    const condition: Condition = { path: 'description', matches: '(a+)+$' };
    assert.strictEqual(evaluate(condition, scopeOf([setting('description', literal(huge))])), false);
    assert.strictEqual(evaluate(condition, scopeOf([setting('description', literal('aaa'))])), true);
  });
});
