/** Collects every figure of a run and prints it as it comes, then as one Markdown table for bench/README.md. */

export interface Row {
  readonly benchmark: string;
  readonly figure: string;
  /** The target and whether it is met, when there is one. */
  readonly target?: { readonly text: string; readonly met: boolean };
}

export class Report {
  readonly rows: Row[] = [];

  section(title: string): void {
    console.log(`\n## ${title}`);
  }

  /** A line of detail printed now, not kept in the table. */
  note(text: string): void {
    console.log(`  ${text}`);
  }

  add(row: Row): void {
    this.rows.push(row);
    const target = row.target ? ` — target ${row.target.text}: ${row.target.met ? 'met' : 'NOT met'}` : '';
    console.log(`  ${row.benchmark}: ${row.figure}${target}`);
  }

  table(): string {
    const lines = ['| benchmark | figure | target | met? |', '|---|---|---|---|'];
    for (const row of this.rows) {
      lines.push(`| ${row.benchmark} | ${row.figure} | ${row.target?.text ?? '—'} | ${row.target ? (row.target.met ? 'yes' : '**no**') : '—'} |`);
    }
    return lines.join('\n');
  }
}
