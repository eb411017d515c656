import type { Text } from '../matrices/types';

/** The two languages every user-facing string exists in. */
export type Language = 'en' | 'zh-cn';

/** `auto` follows the editor's display language (any Chinese locale reads Simplified Chinese). */
export function languageFrom(setting: string | undefined, locale: string | undefined): Language {
  if (setting === 'en' || setting === 'zh-cn') return setting;
  return locale?.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

export function pick(text: Text, language: Language): string {
  return language === 'zh-cn' ? text.zh : text.en;
}

/** Fills `{0}`, `{1}` … in a message. */
export function format(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}
