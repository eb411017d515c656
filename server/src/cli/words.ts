/**
 * The CLI's own sentences about its inputs and outputs (paths, baselines, limits), in English and Simplified
 * Chinese. Kept beside the CLI rather than in i18n/messages.ts: only the CLI says them.
 */
import { format, pick, type Language } from '../i18n/language';
import type { Text } from '../matrices/types';

const WORDS = {
  noFiles: {
    en: 'No file to analyse was found under {0} (Terraform .tf/.tfvars, ROS templates, YAML/JSON configs). Check the path, or pass --allow-no-files to accept an empty scan.',
    zh: '在 {0} 下未找到可分析的文件（Terraform .tf/.tfvars、ROS 模板、YAML/JSON 配置）。请检查路径，或使用 --allow-no-files 接受空扫描。',
  },
  pathUnreadable: { en: 'Cannot read {0} ({1})', zh: '无法读取 {0}（{1}）' },
  folderUnreadable: { en: 'cannot be read ({0}: {1}); nothing under it was scanned', zh: '无法读取（{0}：{1}）；其下内容均未扫描' },
  unreadableExit: {
    en: '{0} path(s) could not be read: exit code 2 (see the errors in the report)',
    zh: '{0} 个路径无法读取：退出码为 2（详见报告中的错误）',
  },
  outputFailed: { en: 'Cannot write {0}: {1}', zh: '无法写入 {0}：{1}' },
  outputIsInput: {
    en: 'Refusing to write {0}: it is one of the files being scanned. Choose another --output.',
    zh: '拒绝写入 {0}：它是被扫描的文件之一。请换一个 --output 路径。',
  },
  stdoutFailed: { en: 'Cannot write the report to standard output ({0})', zh: '无法将报告写入标准输出（{0}）' },
  'why.EISDIR': { en: 'it is a folder', zh: '这是一个文件夹' },
  'why.ENOENT': { en: 'its folder does not exist', zh: '所在文件夹不存在' },
  'why.ENOTDIR': { en: 'a part of the path is not a folder', zh: '路径中有一段不是文件夹' },
  'why.EACCES': { en: 'permission denied', zh: '权限不足' },
  'why.EPERM': { en: 'operation not permitted', zh: '不允许该操作' },
  'why.EROFS': { en: 'read-only file system', zh: '文件系统只读' },
  'why.ENOSPC': { en: 'no space left on the device', zh: '设备空间不足' },
  'why.ENAMETOOLONG': { en: 'the path is too long', zh: '路径过长' },
  'why.other': { en: 'error {0}', zh: '错误 {0}' },
  baselineUnreadable: { en: 'Cannot read the baseline {0}: {1}', zh: '无法读取基线文件 {0}：{1}' },
  baselineInvalid: {
    en: '{0} is not an rlens baseline of version {1}: {2}. Create it again with --create-baseline.',
    zh: '{0} 不是版本 {1} 的 rlens 基线文件：{2}。请用 --create-baseline 重新生成。',
  },
  baselineWritten: { en: 'Baseline written to {0}: {1} finding(s) accepted.', zh: '基线已写入 {0}：接受 {1} 个问题。' },
  truncated: {
    en: '{1} more finding(s) in this file not listed: at most {2} per file (--max-findings-per-file)',
    zh: '此文件另有 {1} 个问题未列出：每个文件最多列出 {2} 个（--max-findings-per-file）',
  },
  hiddenBelow: {
    en: '{0} finding(s) below {1} not shown (--min-severity); the exit code still counts them against --severity-threshold.',
    zh: '{0} 个低于 {1} 的问题未显示（--min-severity）；退出码仍按 --severity-threshold 计入它们。',
  },
  positiveWhole: { en: 'a whole number of 1 or more', zh: '大于等于 1 的整数' },
  sameBaseline: {
    en: '--output and --create-baseline name the same file {0}',
    zh: '--output 与 --create-baseline 指向同一个文件 {0}',
  },
} satisfies Record<string, Text>;

export type WordKey = keyof typeof WORDS;

export function say(language: Language, key: WordKey, ...args: readonly (string | number)[]): string {
  return format(pick(WORDS[key], language), ...args);
}

export function sayBoth(key: WordKey, ...args: readonly (string | number)[]): Text {
  return { en: say('en', key, ...args), zh: say('zh-cn', key, ...args) };
}

/** Why a path could not be read or written, in words, from Node's error code. */
export function why(language: Language, code: string | undefined): string {
  const key = `why.${code ?? ''}`;
  return key in WORDS ? say(language, key as WordKey) : say(language, 'why.other', code ?? '?');
}
