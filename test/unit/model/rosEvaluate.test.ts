import * as assert from 'assert';
import { entryOf, type DataNode, type DataParseResult } from '../../../server/src/parsers/dataTree';
import { evaluateRos, intrinsicName, STEP_BUDGET, type RosEvaluation } from '../../../server/src/model/rosEvaluate';
import { parseJson } from '../../../server/src/parsers/json/jsonParser';
import { parseYaml } from '../../../server/src/parsers/yaml/yamlParser';

/** The sections every YAML case can use. */
const SECTIONS = `ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Cidr:
    Type: String
    Default: 0.0.0.0/0
  Port:
    Type: Number
    Default: 22
  Env:
    Type: String
    Default: prod
  NoDefault:
    Type: String
  Zones:
    Type: CommaDelimitedList
    Default: cn-hangzhou-h, cn-hangzhou-i
  ZoneList:
    Type: CommaDelimitedList
    Default: [cn-beijing-a, cn-beijing-b]
  Computed:
    Type: String
    Default: !Ref Cidr
Mappings:
  RegionMap:
    cn-hangzhou:
      Cidr: 10.0.0.0/8
      Ports: [22, 80]
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev:
    Fn::Equals: [dev, {Ref: Env}]
  NotDev: !Not [IsDev]
  ProdAndNotDev: !And [IsProd, {Condition: NotDev}]
  DevOrProd: !Or [IsDev, !Condition IsProd]
  InRegion: !Equals [!Ref ALIYUN::Region, cn-hangzhou]
  ProdOrRegion: !Or [IsProd, InRegion]
  DevAndRegion: !And [IsDev, InRegion]
  DevOrRegion: !Or [IsDev, InRegion]
  NoDefaultSet: !Equals [!Ref NoDefault, x]
  LoopA: !Not [LoopB]
  LoopB: !And [IsProd, LoopA]
  Self: !Not [Self]
  Empty: !And []
Resources:
  R:
    Type: T
    Properties:
      V: `;

interface Case {
  readonly text: string;
  readonly result: RosEvaluation | undefined;
}

/** Evaluates the value of `V` written after the shared sections (one line, or an indented block). */
function yamlCase(expression: string): Case {
  const text = SECTIONS + expression + '\n';
  const parsed = parseYaml(text);
  return { text, result: evaluateRos(parsed.root, valueNode(parsed)) };
}

function valueNode(parsed: DataParseResult): DataNode {
  const properties = entryOf(entryOf(entryOf(parsed.root, 'Resources')?.value, 'R')?.value, 'Properties')?.value;
  const node = entryOf(properties, 'V')?.value;
  assert.ok(node, 'the test template has a value V');
  return node;
}

function valueOf(expression: string): string | number | boolean | null | undefined {
  return yamlCase(expression).result?.value;
}

/** The text the result's range covers. */
function sourceOf({ text, result }: Case): string | undefined {
  return result && text.slice(result.start, result.end);
}

describe('ROS evaluation', () => {
  describe('Ref', () => {
    it('gives a parameter Default, with the Default as its source', () => {
      const result = yamlCase('!Ref Cidr');
      assert.strictEqual(result.result?.value, '0.0.0.0/0');
      assert.strictEqual(result.result?.via, 'Ref Cidr → Parameters.Cidr.Default');
      assert.strictEqual(sourceOf(result), '0.0.0.0/0');
      assert.strictEqual(result.text.indexOf('0.0.0.0/0'), result.result?.start);
    });

    it('reads the long form and keeps a number a number', () => {
      assert.strictEqual(valueOf('{Ref: Port}'), 22);
    });

    it('leaves pseudo-parameters, resources, parameters without a Default and computed Defaults unknown', () => {
      for (const name of ['ALIYUN::Region', 'ALIYUN::AccountId', 'ALIYUN::StackId', 'ALIYUN::StackName', 'ALIYUN::NoValue', 'ALIYUN::Index', 'R', 'NoDefault', 'Computed', 'Missing']) {
        assert.strictEqual(yamlCase(`!Ref ${name}`).result, undefined, name);
      }
    });

    it('gives a CommaDelimitedList as written, or its items joined when the Default is a list', () => {
      assert.strictEqual(valueOf('!Ref Zones'), 'cn-hangzhou-h, cn-hangzhou-i');
      const list = yamlCase('!Ref ZoneList');
      assert.strictEqual(list.result?.value, 'cn-beijing-a,cn-beijing-b');
      assert.strictEqual(sourceOf(list), '[cn-beijing-a, cn-beijing-b]');
    });

    it('is unknown on malformed arguments', () => {
      for (const expression of ['!Ref [Cidr]', '!Ref {a: b}', '{Ref: [Cidr, Port]}', '!Ref 5', '!Ref', '{Ref: null}']) {
        assert.strictEqual(valueOf(expression), undefined, expression);
      }
    });
  });

  describe('Fn::Sub', () => {
    it('substitutes parameters in the string form and points at the whole Sub', () => {
      const result = yamlCase(`!Sub 'tcp:\${Port}/\${Cidr}'`);
      assert.strictEqual(result.result?.value, 'tcp:22/0.0.0.0/0');
      assert.strictEqual(sourceOf(result), `'tcp:\${Port}/\${Cidr}'`);
      assert.strictEqual(result.result?.via, 'Fn::Sub (${Port} → Parameters.Port.Default; ${Cidr} → Parameters.Cidr.Default)');
    });

    it('points at the Default when the Sub is one parameter and nothing else', () => {
      const result = yamlCase(`!Sub '\${Cidr}'`);
      assert.strictEqual(result.result?.value, '0.0.0.0/0');
      assert.strictEqual(sourceOf(result), '0.0.0.0/0');
    });

    it('takes variables from the list form, which may be functions', () => {
      assert.strictEqual(valueOf(`!Sub ['\${A}-\${B}-\${Env}', {A: x, B: !Select [1, [p, q]]}]`), 'x-q-prod');
      assert.strictEqual(valueOf(`{'Fn::Sub': ['\${A}', {A: {Ref: Cidr}}]}`), '0.0.0.0/0');
    });

    it('keeps ${!Literal} literal and text without variables as it is', () => {
      assert.strictEqual(valueOf(`!Sub 'a \${!Literal} b'`), 'a ${Literal} b');
      assert.strictEqual(valueOf('!Sub plain'), 'plain');
    });

    it('is unknown when a variable is a pseudo-parameter, an attribute or unknown', () => {
      for (const expression of [`!Sub '\${ALIYUN::Region}-x'`, `!Sub '\${R.Arn}'`, `!Sub '\${NoDefault}'`, `!Sub '\${ALIYUN::Index}'`, `!Sub ['\${A}', {A: !Ref NoDefault}]`, `!Sub ['\${A}', {A: !GetAtt R.Arn}]`]) {
        assert.strictEqual(valueOf(expression), undefined, expression);
      }
    });

    it('is unknown on malformed arguments', () => {
      for (const expression of ['!Sub [a]', `!Sub ['\${A}', [x]]`, '!Sub [a, {}, b]', '!Sub {a: b}', '!Sub [[a], {}]', `!Sub ['\${A}', {A: {k: v}}]`]) {
        assert.strictEqual(valueOf(expression), undefined, expression);
      }
    });
  });

  describe('Fn::Join', () => {
    it('joins literals and functions, pointing at the whole Join', () => {
      const result = yamlCase(`!Join [',', ['10.0.0.0/8', !Ref Cidr, 5]]`);
      assert.strictEqual(result.result?.value, '10.0.0.0/8,0.0.0.0/0,5');
      assert.strictEqual(sourceOf(result), `[',', ['10.0.0.0/8', !Ref Cidr, 5]]`);
      assert.strictEqual(result.result?.via, 'Fn::Join (Ref Cidr → Parameters.Cidr.Default)');
    });

    it('joins a list parameter', () => {
      assert.strictEqual(valueOf(`!Join [';', !Ref ZoneList]`), 'cn-beijing-a;cn-beijing-b');
      assert.strictEqual(valueOf(`{'Fn::Join': ['|', {Ref: Zones}]}`), 'cn-hangzhou-h|cn-hangzhou-i');
    });

    it('is unknown when an item is unknown or the arguments are malformed', () => {
      for (const expression of [`!Join ['', [a, !Ref ALIYUN::Region]]`, '!Join [a]', '!Join [[a], [b]]', '!Join [",", [[a]]]', '!Join [",", [null]]', '!Join [",", [{a: b}]]', '!Join ","', '!Join [",", {a: b}]']) {
        assert.strictEqual(valueOf(expression), undefined, expression);
      }
    });
  });

  describe('Fn::Select', () => {
    it('picks an item and points at it', () => {
      const result = yamlCase(`!Select [1, [a, !Ref Cidr, c]]`);
      assert.strictEqual(result.result?.value, '0.0.0.0/0');
      assert.strictEqual(sourceOf(result), '0.0.0.0/0');
      assert.strictEqual(result.result?.via, 'Fn::Select 1 → Ref Cidr → Parameters.Cidr.Default');
      assert.strictEqual(sourceOf(yamlCase('!Select [2, [a, b, cc]]')), 'cc');
    });

    it('picks from list parameters, also when the index is a string or a function', () => {
      assert.strictEqual(valueOf('!Select [1, !Ref Zones]'), 'cn-hangzhou-i');
      assert.strictEqual(valueOf(`!Select ['0', !Ref ZoneList]`), 'cn-beijing-a');
      assert.strictEqual(valueOf('!Select [!Select [0, [1]], [x, y]]'), 'y');
    });

    it('is unknown out of range, on an unknown list or index, and on malformed arguments', () => {
      for (const expression of ['!Select [3, [a, b]]', '!Select [-1, [a, b]]', '!Select [1.5, [a, b]]', '!Select [x, [a, b]]', '!Select [0, !Ref NoDefault]', '!Select [!Ref NoDefault, [a]]', '!Select [0]', '!Select [0, [a], [b]]', '!Select [0, {a: b}]']) {
        assert.strictEqual(valueOf(expression), undefined, expression);
      }
    });
  });

  describe('Fn::FindInMap', () => {
    it('gives a mapping value and points at it', () => {
      const result = yamlCase('!FindInMap [RegionMap, cn-hangzhou, Cidr]');
      assert.strictEqual(result.result?.value, '10.0.0.0/8');
      assert.strictEqual(sourceOf(result), '10.0.0.0/8');
      assert.strictEqual(result.result?.via, 'Fn::FindInMap → Mappings.RegionMap.cn-hangzhou.Cidr');
      assert.strictEqual(valueOf(`!Select [1, !FindInMap [RegionMap, cn-hangzhou, Ports]]`), 80);
    });

    it('is unknown on an unknown key, a missing entry or malformed arguments', () => {
      for (const expression of ['!FindInMap [RegionMap, !Ref ALIYUN::Region, Cidr]', '!FindInMap [RegionMap, cn-beijing, Cidr]', '!FindInMap [Nope, a, b]', '!FindInMap [RegionMap, cn-hangzhou]', '!FindInMap RegionMap', '!FindInMap [RegionMap, [cn-hangzhou], Cidr]']) {
        assert.strictEqual(valueOf(expression), undefined, expression);
      }
    });
  });

  describe('Fn::If and conditions', () => {
    it('follows the branch its condition decides, and points at that branch', () => {
      const result = yamlCase('!If [IsProd, !Ref Cidr, 10.0.0.0/8]');
      assert.strictEqual(result.result?.value, '0.0.0.0/0');
      assert.strictEqual(result.result?.via, 'Fn::If IsProd (true) → Ref Cidr → Parameters.Cidr.Default');
      assert.strictEqual(sourceOf(result), '0.0.0.0/0');
      const other = yamlCase('!If [IsDev, !Ref Cidr, 10.0.0.0/8]');
      assert.strictEqual(other.result?.value, '10.0.0.0/8');
      assert.strictEqual(other.result?.via, 'Fn::If IsDev (false)');
    });

    it('evaluates Equals, And, Or, Not and Condition references in both forms', () => {
      const decided: Array<[string, boolean]> = [
        ['IsProd', true], ['IsDev', false], ['NotDev', true], ['ProdAndNotDev', true], ['DevOrProd', true],
        ['ProdOrRegion', true], ['DevAndRegion', false],
      ];
      for (const [condition, truth] of decided) assert.strictEqual(valueOf(`!If [${condition}, yes, no]`), truth ? 'yes' : 'no', condition);
    });

    it('accepts an inline condition and a boolean', () => {
      assert.strictEqual(valueOf('!If [!Equals [!Ref Port, "22"], yes, no]'), 'yes');
      assert.strictEqual(valueOf('!If [true, yes, no]'), 'yes');
      assert.strictEqual(valueOf(`{'Fn::If': [{'Fn::Not': [{Condition: IsProd}]}, yes, no]}`), 'no');
    });

    it('is unknown when the condition depends on something unknown', () => {
      for (const condition of ['InRegion', 'DevOrRegion', 'NoDefaultSet', 'Missing', 'Empty']) {
        assert.strictEqual(valueOf(`!If [${condition}, yes, no]`), undefined, condition);
      }
      assert.strictEqual(valueOf('!If [IsProd, !Ref ALIYUN::NoValue, no]'), undefined);
    });

    it('stops at cycles between conditions', () => {
      for (const condition of ['LoopA', 'LoopB', 'Self']) {
        assert.strictEqual(valueOf(`!If [${condition}, yes, no]`), undefined, condition);
      }
    });

    it('is unknown on malformed arguments', () => {
      for (const expression of ['!If [IsProd, a]', '!If IsProd', '!If [[IsProd], a, b]', '!If [{k: v}, a, b]', '!If [!Not [IsProd, IsDev], a, b]', '!If [!Equals [a], a, b]', '!If [!Equals [a, b, c], a, b]', '!If [!Ref Env, a, b]']) {
        assert.strictEqual(valueOf(expression), undefined, expression);
      }
    });

    it('decides in linear time conditions that each use the previous one twice', () => {
      // 2^25 evaluations if each were decided afresh every time it is used.
      const conditions = Array.from({ length: 25 }, (_, i) => `  C${i + 1}: !And [C${i}, C${i}]`).join('\n');
      const text = `Conditions:\n  C0: true\n${conditions}\nResources:\n  R:\n    Properties:\n      V: !If [C25, yes, no]\n`;
      const parsed = parseYaml(text);
      const started = Date.now();
      assert.strictEqual(evaluateRos(parsed.root, valueNode(parsed))?.value, 'yes');
      assert.ok(Date.now() - started < 1000);
    });
  });

  describe('robustness', () => {
    it('leaves functions it does not model unknown', () => {
      for (const expression of ['!GetAtt R.Arn', '!Base64Encode x', '!Replace [{a: b}, x]', '!Jq [First, ".a", {}]', '!Split [",", "a,b"]']) {
        assert.strictEqual(valueOf(expression), undefined, expression);
      }
    });

    it('nests functions and gives up at a depth no template reaches', () => {
      assert.strictEqual(valueOf(`!Join ['-', [!Select [0, [!Sub '\${Env}']], !If [IsProd, !FindInMap [RegionMap, cn-hangzhou, Cidr], x]]]`), 'prod-10.0.0.0/8');
      let deep = 'x';
      for (let i = 0; i < 200; i++) deep = `{'Fn::Select': [0, [${deep}]]}`;
      assert.strictEqual(valueOf(deep), undefined);
    });

    it('does not build texts far longer than any rule judges', () => {
      const big = 'x'.repeat(40_000);
      const text = `Parameters:\n  Big:\n    Default: ${big}\nResources:\n  R:\n    Properties:\n      A: !Sub '\${Big}'\n      B: !Sub '\${Big}\${Big}'\n      C: !Join ['', [!Ref Big, !Ref Big]]\n`;
      const parsed = parseYaml(text);
      const properties = entryOf(entryOf(entryOf(parsed.root, 'Resources')?.value, 'R')?.value, 'Properties')?.value;
      const results = ['A', 'B', 'C'].map((key) => {
        const node = entryOf(properties, key)?.value;
        return node ? evaluateRos(parsed.root, node)?.value : 'missing';
      });
      assert.deepStrictEqual(results, [big, undefined, undefined]);
    });

    it('evaluates nested Fn::Sub variables once each, and gives up on what would build too much', () => {
      // Each level mentions the next one's variable eight times; the innermost is an empty text, so no length
      // limit is ever reached. Ten levels (as in a 673-byte file that took the CLI 98 s) are 8^10, a billion,
      // evaluations of the innermost Sub when each mention is evaluated anew.
      let value: unknown = { 'Fn::Sub': '' };
      for (let level = 0; level < 10; level++) value = { 'Fn::Sub': ['${a}'.repeat(8), { a: value }] };
      const parsed = parseJson(JSON.stringify({ Resources: { R: { Properties: { V: value } } } }));
      assert.strictEqual(evaluateRos(parsed.root, valueNode(parsed))?.value, '', 'each variable is evaluated once: the empty text is known');
      let huge: unknown = { 'Fn::Sub': 'x' };
      for (let level = 0; level < 10; level++) huge = { 'Fn::Sub': ['${a}'.repeat(8), { a: huge }] };
      const big = parseJson(JSON.stringify({ Resources: { R: { Properties: { V: huge } } } }));
      assert.strictEqual(evaluateRos(big.root, valueNode(big)), undefined, '8^10 characters: beyond what is built');
    });

    it('stops evaluating one value after its step budget, and says unknown', function () {
      this.timeout(30_000); // parsing the 100,000-item list is the slow part
      // A Join of more (empty) items than the budget allows: unknown, not a guess.
      const items = Array.from({ length: STEP_BUDGET + 10 }, () => '');
      const parsed = parseJson(JSON.stringify({ Resources: { R: { Properties: { V: { 'Fn::Join': ['', items] } } } } }));
      assert.strictEqual(evaluateRos(parsed.root, valueNode(parsed)), undefined);
      const fits = parseJson(JSON.stringify({ Resources: { R: { Properties: { V: { 'Fn::Join': ['-', items.slice(0, 1000)] } } } } }));
      assert.strictEqual(evaluateRos(fits.root, valueNode(fits))?.value, '-'.repeat(999));
    });

    it('never throws, whatever the template', () => {
      const texts = ['', 'x', '[1, 2]', 'Parameters: 5', 'Parameters: {A: 5}', 'Conditions: [a]', 'Mappings: {M: [1]}'];
      const nodes = ['!Ref A', '!If [A, 1, 2]', '!FindInMap [M, 0, 1]', '!Sub "${A}"'].map((e) => valueNode(parseYaml(`Resources:\n  R:\n    Properties:\n      V: ${e}\n`)));
      for (const text of texts) for (const node of nodes) assert.strictEqual(evaluateRos(parseYaml(text).root, node), undefined);
      for (const node of nodes) assert.strictEqual(evaluateRos(null, node), undefined);
    });

    it('evaluates the JSON long forms like the YAML short tags', () => {
      const json = JSON.stringify({
        Parameters: { Cidr: { Type: 'String', Default: '0.0.0.0/0' }, Env: { Type: 'String', Default: 'prod' } },
        Mappings: { M: { a: { b: 'mapped' } } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, Both: { 'Fn::And': ['IsProd', { Condition: 'IsProd' }] } },
        Resources: {
          R: {
            Properties: {
              V: { 'Fn::Join': ['/', [{ Ref: 'Cidr' }, { 'Fn::Sub': '${Env}' }, { 'Fn::Select': ['0', ['s']] }, { 'Fn::If': ['Both', { 'Fn::FindInMap': ['M', 'a', 'b'] }, 'no'] }]] },
            },
          },
        },
      }, null, 2);
      const parsed = parseJson(json);
      const node = valueNode(parsed);
      const result = evaluateRos(parsed.root, node);
      assert.strictEqual(result?.value, '0.0.0.0/0/prod/s/mapped');
      assert.deepStrictEqual([result?.start, result?.end], [node.start, node.end]);
    });

    it('names intrinsic functions in both forms', () => {
      const node = valueNode(parseYaml('Resources:\n  R:\n    Properties:\n      V: !Select [0, [a]]\n'));
      assert.strictEqual(intrinsicName(node), 'Fn::Select');
      const json = valueNode(parseJson('{"Resources": {"R": {"Properties": {"V": {"Ref": "A"}}}}}'));
      assert.strictEqual(intrinsicName(json), 'Ref');
    });
  });
});
