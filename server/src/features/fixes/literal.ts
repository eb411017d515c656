import type { SourceKind } from '../../documents/analyzer';

/**
 * A value written in the document's syntax, as one token: quotes and escapes so that no value (one from a
 * workspace rule included) can close its string and write configuration of its own.
 */
export function literal(value: string | number | boolean, kind: SourceKind): string {
  if (typeof value !== 'string') return String(value);
  if (kind === 'json') return JSON.stringify(value);
  if (kind === 'yaml') {
    if (/^[A-Za-z0-9_./-]+$/.test(value) && !/^(true|false|null|yes|no|on|off|~|\d.*)$/i.test(value)) return value;
    // A double-quoted YAML scalar takes JSON's escapes, so line breaks stay on one line.
    return /[\u0000-\u001f\u007f]/.test(value) ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
  }
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    // `${` and `%{` are escaped by doubling their sign; by functions, since in a replacement string `$$` is one `$`.
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `"${escaped}"`;
}
