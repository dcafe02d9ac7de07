/**
 * Output conventions shared by every benchmark (DESIGN.md, "Benchmarks"): a human table first,
 * then, as the very last line of stdout, exactly one JSON object with named figures.
 */

export type Figures = Record<string, number | string | boolean | null>;

/** Prints an aligned table: first column left-aligned, the others right-aligned. */
export function printTable(head: string[], rows: string[][], title?: string): void {
  if (title) console.log(title);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

/** The one machine-readable line; call it last. */
export function printJsonLine(figures: Figures): void {
  process.stdout.write(JSON.stringify(figures) + "\n");
}

/** "12,345" style for counts and rates in tables. */
export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
