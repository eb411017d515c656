import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import { isNode, parseDocument, type Node as YamlNode } from 'yaml';
import { customerBearsDuty } from '../matrices/resolve';
import type { Knowledge } from '../matrices/types';
import type { Range } from '../model/types';
import localizeZh from 'ajv-i18n/localize/zh';
import type { Language } from '../i18n/language';
import { both, type MessageKey } from '../i18n/messages';
import { readTextFile, realRoots, type ReadRefusal } from '../util/safeFile';
import { LineIndex } from '../util/lineIndex';
import { toDeclarativeRules, type RawRuleFile } from './declarative/load';
import type { DeclarativeRule } from './declarative/rule';

/** A problem in a custom rules file, placed on the key it is about. */
export interface RuleFileProblem {
  readonly message: string;
  readonly range: Range;
}

/** Where a workspace keeps its own declarative rules. */
export const CUSTOM_RULES_DIR = path.join('.rlens', 'rules');

export function isCustomRulesFile(fileName: string): boolean {
  return /(^|[\\/])\.rlens[\\/]rules[\\/][^\\/]+\.ya?ml$/.test(fileName);
}

/** A rules or contract file larger than this is not read: hand-written YAML is a few KB. */
export const CONFIG_FILE_MAX_BYTES = 1024 * 1024;

/** A message in both languages on one line, as the CLI prints custom-rule problems whatever --lang says. */
function bilingual(key: MessageKey, ...args: (string | number)[]): string {
  const text = both(key, ...args);
  return `${text.en} · ${text.zh}`;
}

/** Why a workspace configuration file (rules, contract) was not read, in both languages. */
export function configRefusal(reason: ReadRefusal, code?: string): string {
  switch (reason) {
    case 'outside':
      return bilingual('config.outside');
    case 'not-regular':
      return bilingual('config.notRegular');
    case 'too-large':
      return bilingual('config.tooLarge', CONFIG_FILE_MAX_BYTES / 1024);
    case 'unreadable':
      return bilingual('scan.unreadable', code ?? 'error');
  }
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(schemaDir: string): ValidateFunction {
  let validate = validators.get(schemaDir);
  if (!validate) {
    validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(schemaDir, 'rules.schema.json'), 'utf8')) as object);
    validators.set(schemaDir, validate);
  }
  return validate;
}

/**
 * Parses and validates one custom rules file against the built-in rules' schema and the responsibility data.
 * Problems come back with ranges in the file, so the editor can show them where they are.
 */
export function readRuleFile(text: string, file: string, knowledge: Knowledge, schemaDir: string, language: Language = 'en'): { rules: DeclarativeRule[]; problems: RuleFileProblem[] } {
  const lines = new LineIndex(text);
  const document = parseDocument(text, { prettyErrors: false, strict: false });
  const whole = lines.rangeOf(0, Math.min(text.length, 1));
  if (document.errors.length > 0) {
    return { rules: [], problems: document.errors.map((e) => ({ message: `YAML: ${e.code}`, range: lines.rangeOf(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)) })) };
  }
  // A document whose aliases expand without end (billion laughs) makes toJS throw: a problem of the file, not a crash.
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return { rules: [], problems: [{ message: bilingual('yaml.tooManyAliases'), range: whole }] };
  }
  const validate = validatorFor(schemaDir);
  const rangeAt = (pointer: string): Range => {
    const keys = pointer.split('/').slice(1).map((k) => (/^\d+$/.test(k) ? Number(k) : k.replace(/~1/g, '/').replace(/~0/g, '~')));
    for (let n = keys.length; n > 0; n--) {
      const node = document.getIn(keys.slice(0, n), true);
      if (isNode(node) && (node as YamlNode).range) {
        const [start, end] = (node as YamlNode).range ?? [0, 0];
        return lines.rangeOf(start, end);
      }
    }
    return whole;
  };
  if (!validate(data)) {
    // Ajv's messages are English; the Chinese ones come from ajv-i18n. Localising copies, not the validator's own array.
    const errors = (validate.errors ?? []).slice(0, 50).map((e) => ({ ...e }));
    if (language === 'zh-cn') localizeZh(errors);
    return {
      rules: [],
      problems: errors.map((e) => {
        const extra = (e.params as { additionalProperty?: string }).additionalProperty;
        return { message: `${e.instancePath || '/'}${extra ? `/${extra}` : ''}: ${e.message ?? 'invalid'}`, range: rangeAt(e.instancePath) };
      }),
    };
  }
  const allRows = [...knowledge.model.rows.values()].flat();
  const items = new Set(allRows.map((r) => r.id));
  const customerItems = new Set(allRows.filter(customerBearsDuty).map((r) => r.id));
  const errors: { file: string; key: string; message: string }[] = [];
  const rules = toDeclarativeRules(data as RawRuleFile, file, file, items, customerItems, errors);
  return { rules: errors.length > 0 ? [] : rules, problems: errors.map((e) => ({ message: `${e.key}: ${e.message}`, range: rangeAt(e.key) })) };
}

/** Every `.rlens/rules/*.yaml` under a workspace root; unreadable or invalid files give no rules (and say why). */
export function loadCustomRules(root: string, knowledge: Knowledge, schemaDir: string, builtinIds: ReadonlySet<string>): { rules: DeclarativeRule[]; problems: Map<string, RuleFileProblem[]> } {
  const dir = path.join(root, CUSTOM_RULES_DIR);
  const problems = new Map<string, RuleFileProblem[]>();
  const rules: DeclarativeRule[] = [];
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    return { rules, problems };
  }
  // A rules file, or the rules folder, that is a symlink leading outside the workspace is not read.
  const roots = realRoots([root]);
  for (const name of names) {
    const file = path.join(dir, name);
    const read = readTextFile(file, { roots, maxBytes: CONFIG_FILE_MAX_BYTES });
    if (!read.ok) {
      problems.set(file, [{ message: configRefusal(read.reason, read.code), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
      continue;
    }
    const result = readRuleFile(read.text, file, knowledge, schemaDir);
    const clashes = result.rules.filter((r) => builtinIds.has(r.meta.id) || rules.some((other) => other.meta.id === r.meta.id));
    const fileProblems = [...result.problems, ...clashes.map((r) => ({ message: `rule id "${r.meta.id}" is already taken · 规则 ID“${r.meta.id}”已被占用`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }))];
    problems.set(file, fileProblems);
    rules.push(...result.rules.filter((r) => !clashes.includes(r)));
  }
  return { rules, problems };
}
