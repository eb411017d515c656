import { entryOf, type DataNode, type DataParseResult } from '../parsers/dataTree';
import { LineIndex } from '../util/lineIndex';
import { intrinsicName, rosEvaluator, type RosEvaluation } from './rosEvaluate';
import type { IacDocument, IacFormat, Resolution, Resource, ResourceKind, Setting, Value } from './types';

export { intrinsicName };

/** Evaluates an intrinsic function's node over the template's own data; undefined when it cannot tell. */
type Evaluate = (node: DataNode) => RosEvaluation | undefined;

/** A YAML or JSON document is a ROS template when its root mapping has this key. */
export const ROS_VERSION_KEY = 'ROSTemplateFormatVersion';

export function isRosTemplate(parsed: DataParseResult): boolean {
  return entryOf(parsed.root, ROS_VERSION_KEY) !== undefined;
}

/** Builds the model of a ROS template from its data tree (YAML or JSON). */
export function buildRosModel(parsed: DataParseResult, text: string, format: Extract<IacFormat, 'ros-yaml' | 'ros-json'>): IacDocument {
  const lines = new LineIndex(text);
  const evaluate = rosEvaluator(parsed.root);
  const resources: Resource[] = [];
  const sections: Array<[string, ResourceKind]> = [
    ['Parameters', 'parameter'],
    ['Resources', 'resource'],
    ['Outputs', 'output'],
  ];
  for (const [section, kind] of sections) {
    const sectionNode = entryOf(parsed.root, section)?.value;
    if (sectionNode?.kind !== 'map') continue;
    for (const entry of sectionNode.entries) {
      const body = entry.value;
      const typeNode = entryOf(body, 'Type')?.value;
      const type = kind === 'resource' && typeNode?.kind === 'scalar' ? String(typeNode.value ?? '') : '';
      // A resource with `Count` is analysed once, with `ALIYUN::Index` unknown like every pseudo-parameter.
      const settingsRoot = kind === 'resource' ? entryOf(body, 'Properties')?.value : body;
      const settings: Setting[] = [];
      if (settingsRoot) collectSettings(settingsRoot, '', lines, settings, evaluate);
      resources.push({
        kind,
        type,
        name: entry.key,
        range: lines.rangeOf(entry.keyStart, body?.end ?? entry.keyEnd),
        headerRange: lines.rangeOf(entry.keyStart, entry.keyEnd),
        settings,
      });
    }
  }
  return {
    format,
    resources,
    problems: parsed.errors.map((error) => ({ message: error.message, range: lines.rangeOf(error.start, error.end) })),
  };
}

/** Any other YAML/JSON file: one element holding all its values, so secret detection sees every string. */
export function buildConfigModel(parsed: DataParseResult, text: string, format: Extract<IacFormat, 'config-yaml' | 'config-json'>): IacDocument {
  const lines = new LineIndex(text);
  const settings: Setting[] = [];
  if (parsed.root) collectSettings(parsed.root, '', lines, settings);
  const whole = lines.rangeOf(0, text.length);
  return {
    format,
    resources: [{ kind: 'config', type: '', name: '', range: whole, headerRange: lines.rangeOf(0, 0), settings }],
    problems: parsed.errors.map((error) => ({ message: error.message, range: lines.rangeOf(error.start, error.end) })),
  };
}

/** Outside ROS templates (`config-*` files) nothing is evaluated: `Ref` there is just data. */
const evaluateNothing: Evaluate = () => undefined;

function collectSettings(node: DataNode, prefix: string, lines: LineIndex, out: Setting[], evaluate: Evaluate = evaluateNothing): void {
  if (node.kind === 'seq' && !intrinsicName(node)) {
    for (const item of node.items) collectSettings(item, prefix, lines, out, evaluate);
    return;
  }
  if (node.kind !== 'map' || intrinsicName(node)) return;
  for (const entry of node.entries) {
    const path = prefix ? `${prefix}.${entry.key}` : entry.key;
    const keyRange = lines.rangeOf(entry.keyStart, entry.keyEnd);
    const value = entry.value;
    if (!value) {
      out.push({ path, key: entry.key, keyRange, value: { kind: 'literal', value: null }, valueRange: keyRange });
      continue;
    }
    const valueRange = lines.rangeOf(value.start, value.end);
    if (value.kind === 'seq' && !intrinsicName(value)) {
      out.push({ path, key: entry.key, keyRange, value: { kind: 'list' }, valueRange });
      for (const item of value.items) {
        if (item.kind === 'map' && !intrinsicName(item)) {
          // Each element is a block of its own, so a rule can look at one element's settings together.
          out.push({ path, key: entry.key, keyRange, value: { kind: 'block' }, valueRange: lines.rangeOf(item.start, item.end) });
          collectSettings(item, path, lines, out, evaluate);
        } else out.push(scalarSetting(path, entry.key, keyRange, item, lines, evaluate));
      }
      continue;
    }
    if (value.kind === 'map' && !intrinsicName(value)) {
      out.push({ path, key: entry.key, keyRange, value: { kind: 'block' }, valueRange });
      collectSettings(value, path, lines, out, evaluate);
      continue;
    }
    out.push(scalarSetting(path, entry.key, keyRange, value, lines, evaluate));
  }
}

/** A setting whose value is one node; a reference the template itself decides carries that value as `resolved`. */
function scalarSetting(path: string, key: string, keyRange: Setting['keyRange'], node: DataNode, lines: LineIndex, evaluate: Evaluate): Setting {
  const setting: Setting = { path, key, keyRange, value: valueOf(node), valueRange: lines.rangeOf(node.start, node.end) };
  const resolved = intrinsicName(node) ? resolutionOf(evaluate(node), lines) : undefined;
  return resolved ? { ...setting, resolved } : setting;
}

function resolutionOf(evaluation: RosEvaluation | undefined, lines: LineIndex): Resolution | undefined {
  if (!evaluation) return undefined;
  return { value: evaluation.value, file: null, range: lines.rangeOf(evaluation.start, evaluation.end), via: evaluation.via };
}

function valueOf(node: DataNode): Value {
  const intrinsic = intrinsicName(node);
  if (intrinsic) return { kind: 'reference', text: describeIntrinsic(intrinsic, node) };
  if (node.kind === 'scalar') return { kind: 'literal', value: node.value };
  return node.kind === 'seq' ? { kind: 'list' } : { kind: 'block' };
}

function describeIntrinsic(name: string, node: DataNode): string {
  const argument = node.tag ? node : node.kind === 'map' ? node.entries[0]?.value : undefined;
  if (argument?.kind === 'scalar') return `${name}: ${String(argument.value)}`;
  // `Fn::GetAtt: [Key, AccessKeySecret]` reads as `Fn::GetAtt: Key.AccessKeySecret`.
  if (argument?.kind === 'seq' && argument.items.every((item) => item.kind === 'scalar')) {
    return `${name}: ${argument.items.map((item) => String((item as { value: unknown }).value)).join('.')}`;
  }
  return name;
}
