import { isMap, isScalar } from 'yaml';
import type { SourceKind } from '../../documents/analyzer';
import type { FixPlan } from '../../rules/types';
import type { FixContext, QuickFix, TextChange } from '../quickFixes';
import { appendProperty, insertTopLevelBefore, jsonTree, objectLiteral, topLevelValue } from './jsonEdits';
import { disjoint, eolOf, lineEndAt, lineIndexOf, lineStartAt, type OffsetEdit } from './offsetEdit';
import { appendPair, pairEnd, topLevelPair, yamlDocument } from './yamlEdits';

type ExtractPlan = Extract<FixPlan, { kind: 'extract-secret' }>;
type Repair = Omit<QuickFix, 'preferred'>;

/**
 * Terraform: the value becomes `var.<name>` and a `sensitive` variable is declared — in the module's
 * variables.tf when there is one, else at the end of this file. ROS: the value becomes a Ref to a new
 * `NoEcho` parameter, added to the template's `Parameters` in that section's own style (block or flow, YAML or
 * JSON, one line or many), or in a new `Parameters` section before `Resources`.
 */
export function extractSecretFix(plan: ExtractPlan, text: string, kind: SourceKind, context: FixContext): Repair | undefined {
  if (kind === 'terraform') return extractToVariable(plan, text, context);
  const edits = kind === 'yaml' ? yamlParameterEdits(plan, text) : kind === 'json' ? jsonParameterEdits(plan, text) : undefined;
  if (!edits || !disjoint(edits.edits)) return undefined;
  const index = lineIndexOf(text);
  return {
    title: { en: `Move to a NoEcho parameter (Ref ${edits.name})`, zh: `移到 NoEcho 参数（Ref ${edits.name}）` },
    changes: edits.edits.map((e) => ({ range: index.rangeOf(e.start, e.end), newText: e.newText })),
    plan,
    mechanical: false,
  };
}

function extractToVariable(plan: ExtractPlan, text: string, context: FixContext): Repair {
  const eol = eolOf(text);
  const declaration = `variable "${plan.name}" {${eol}  type      = string${eol}  sensitive = true${eol}}${eol}`;
  const variablesFile = context.sibling?.('variables.tf');
  const target = variablesFile ?? text;
  const declared = new RegExp(`variable\\s+"${plan.name}"`).test(target);
  const end = lineIndexOf(target).positionAt(target.length);
  const separator = target.length === 0 || target.endsWith('\n') ? eol : `${eol}${eol}`;
  const changes: TextChange[] = [{ range: plan.range, newText: `var.${plan.name}` }];
  if (!declared) changes.push({ ...(variablesFile !== undefined ? { file: 'variables.tf' } : {}), range: { start: end, end }, newText: `${separator}${declaration}` });
  const inFile = variablesFile !== undefined;
  return {
    title: { en: `Move to a sensitive variable var.${plan.name}${inFile ? ' (variables.tf)' : ''}`, zh: `移到 sensitive 变量 var.${plan.name}${inFile ? '（variables.tf）' : ''}` },
    changes,
    plan,
    mechanical: false,
  };
}

/** `name`, or `name2`, `name3` … when a parameter of that name exists already. */
function unusedName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`${name}${n}`)) n++;
  return `${name}${n}`;
}

function yamlParameterEdits(plan: ExtractPlan, text: string): { name: string; edits: OffsetEdit[] } | undefined {
  const document = yamlDocument(text);
  if (!isMap(document.contents) || document.contents.flow) return undefined;
  const eol = eolOf(text);
  const index = lineIndexOf(text);
  const parameters = topLevelPair(document, 'Parameters');
  const section = parameters?.value;
  const taken = new Set(isMap(section) ? section.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')) : []);
  const name = unusedName(plan.name, taken);
  const reference = /!(Ref|GetAtt|Sub|Join)\b/.test(text) ? `!Ref ${name}` : `{Ref: ${name}}`;
  const unit = /^( +)\S/m.exec(text)?.[1]?.length ?? 2;
  const block = (indent: string): string => `${indent}${name}:${eol}${indent}${' '.repeat(unit)}Type: String${eol}${indent}${' '.repeat(unit)}NoEcho: true`;
  const edits: OffsetEdit[] = [{ start: index.offsetAt(plan.range.start), end: index.offsetAt(plan.range.end), newText: reference }];
  if (parameters && isMap(section)) {
    if (section.flow || section.items.length === 0) {
      const edit = appendPair(text, section, name, '{Type: String, NoEcho: true}');
      if (!edit) return undefined;
      edits.push(edit);
    } else {
      const first = section.items[0]?.key as { range?: [number, number, number] } | undefined;
      const last = section.items[section.items.length - 1];
      const firstStart = first?.range?.[0];
      if (firstStart === undefined || !last) return undefined;
      const indent = text.slice(lineStartAt(text, firstStart), firstStart);
      if (indent.trim() !== '') return undefined;
      const at = lineEndAt(text, pairEnd(text, last as Parameters<typeof pairEnd>[1]));
      edits.push({ start: at, end: at, newText: `${eol}${block(indent)}` });
    }
  } else if (parameters) {
    // `Parameters:` with nothing under it; any other value (a list, a scalar) is not a section to add to.
    const keyEnd = (parameters.key as { range?: [number, number, number] }).range?.[1];
    if (keyEnd === undefined || !(section === null || (isScalar(section) && section.value === null && (section.source ?? '') === ''))) return undefined;
    const at = lineEndAt(text, keyEnd);
    edits.push({ start: at, end: at, newText: `${eol}${block(' '.repeat(unit))}` });
  } else {
    const resources = topLevelPair(document, 'Resources');
    const resourcesStart = (resources?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
    if (resourcesStart === undefined) return undefined;
    const at = lineStartAt(text, resourcesStart);
    edits.push({ start: at, end: at, newText: `Parameters:${eol}${block(' '.repeat(unit))}${eol}` });
  }
  return { name, edits };
}

function jsonParameterEdits(plan: ExtractPlan, text: string): { name: string; edits: OffsetEdit[] } | undefined {
  const root = jsonTree(text);
  if (root?.type !== 'object') return undefined;
  const index = lineIndexOf(text);
  const section = topLevelValue(root, 'Parameters');
  const taken = new Set((section?.type === 'object' ? section.children ?? [] : []).map((p) => String(p.children?.[0]?.value ?? '')));
  const name = unusedName(plan.name, taken);
  const definition = { Type: 'String', NoEcho: true };
  const edits: OffsetEdit[] = [{ start: index.offsetAt(plan.range.start), end: index.offsetAt(plan.range.end), newText: objectLiteral(text, [['Ref', JSON.stringify(name)]]) }];
  const added = section
    ? section.type === 'object' ? appendProperty(text, section, name, definition) : undefined
    : insertTopLevelBefore(text, root, 'Resources', 'Parameters', { [name]: definition });
  if (!added) return undefined;
  edits.push(added);
  return { name, edits };
}
