/**
 * The literal parts of an expression as written, for secret detection inside values the engine does not evaluate:
 * a Terraform template with interpolations (`"${var.x}LTAI…"`, a heredoc with `${…}`), a function call, a ROS
 * `Fn::Sub` or any other intrinsic function.
 *
 * Why a "view" rather than the parts themselves: the view has exactly the length of the source text, with
 * everything that is not literal text (interpolations, references, operators, quotes, comments, heredoc markers)
 * replaced by spaces and every escape sequence replaced by spaces of the same length. A detector run on the view
 * therefore returns offsets that are offsets into the source, and a finding can point at the key itself. The
 * spaces also separate literal parts, so `"LTAI…${x}more"` does not read as one longer token.
 */

/** A same-length view of HCL expression text keeping only the text of its string literals and heredocs. */
export function hclLiteralView(source: string): string {
  const out: string[] = [];
  /** What the text at the cursor is: an expression, or a string / heredoc (each ends where its opener says). */
  type Frame = { kind: 'expr'; closesOn: 'interpolation' | 'end'; depth: number } | { kind: 'string' } | { kind: 'heredoc'; marker: string };
  const stack: Frame[] = [{ kind: 'expr', closesOn: 'end', depth: 0 }];
  const blank = (from: number, to: number): void => {
    for (let i = from; i < to; i++) out.push(source[i] === '\n' || source[i] === '\r' ? (source[i] as string) : ' ');
  };
  let i = 0;
  while (i < source.length) {
    const frame = stack[stack.length - 1] as Frame;
    const ch = source[i] as string;
    const next = source[i + 1];
    if (frame.kind === 'expr') {
      if (ch === '"') {
        stack.push({ kind: 'string' });
        blank(i, ++i);
        continue;
      }
      const heredoc = ch === '<' && next === '<' ? /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(source.slice(i, i + 200)) : null;
      if (heredoc) {
        stack.push({ kind: 'heredoc', marker: heredoc[1] as string });
        blank(i, (i += heredoc[0].length));
        continue;
      }
      if (ch === '#' || (ch === '/' && next === '/')) {
        const end = source.indexOf('\n', i);
        blank(i, (i = end < 0 ? source.length : end));
        continue;
      }
      if (ch === '/' && next === '*') {
        const end = source.indexOf('*/', i + 2);
        blank(i, (i = end < 0 ? source.length : end + 2));
        continue;
      }
      if (ch === '{') frame.depth++;
      if (ch === '}') {
        if (frame.depth === 0 && frame.closesOn === 'interpolation') stack.pop();
        else frame.depth = Math.max(0, frame.depth - 1);
      }
      blank(i, ++i);
      continue;
    }
    // Inside a string or a heredoc: literal text, escapes, and interpolations or directives.
    if ((ch === '$' || ch === '%') && next === ch && source[i + 2] === '{') {
      blank(i, (i += 3));
      continue;
    }
    if ((ch === '$' || ch === '%') && next === '{') {
      stack.push({ kind: 'expr', closesOn: 'interpolation', depth: 0 });
      blank(i, (i += 2));
      continue;
    }
    if (frame.kind === 'string') {
      if (ch === '"' || ch === '\n' || ch === '\r') {
        // A quoted string ends at its quote (or, unterminated, at the line break HCL forbids inside it).
        stack.pop();
        if (ch === '"') blank(i, ++i);
        continue;
      }
      if (ch === '\\') {
        const length = next === 'u' ? 6 : next === 'U' ? 10 : 2;
        blank(i, (i += Math.min(length, source.length - i)));
        continue;
      }
      out.push(ch);
      i++;
      continue;
    }
    // Heredoc: its closing marker stands alone on a line.
    const atLineStart = i === 0 || source[i - 1] === '\n';
    if (atLineStart) {
      const lineEnd = source.indexOf('\n', i);
      const line = source.slice(i, lineEnd < 0 ? source.length : lineEnd).replace(/\r$/, '');
      if (line.trim() === frame.marker) {
        stack.pop();
        blank(i, (i += line.length));
        continue;
      }
    }
    out.push(ch);
    i++;
  }
  return out.join('');
}

/**
 * A same-length view of a ROS intrinsic function's source (YAML or JSON) for secret detection: `Fn::Sub`
 * variables (`${Name}`, `${!Literal}`) and escape sequences are replaced by spaces; everything else (the literal
 * strings, and the keys and punctuation around them, which no detector mistakes for a credential) stays.
 */
export function rosLiteralView(source: string): string {
  return source
    .replace(/\$\{[^}\n]*\}/g, (whole) => ' '.repeat(whole.length))
    .replace(/\\(?:u[0-9A-Fa-f]{4}|.)/g, (whole) => ' '.repeat(whole.length));
}
