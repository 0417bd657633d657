/** Plain padded columns for terminal views (numbers right-aligned, text left-aligned). */

export type Cell = string | number;

/** Rows as lines: each column as wide as its widest cell, two spaces apart. */
export function columns(header: readonly string[], rows: readonly (readonly Cell[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => String(r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number'));
  return all.map((r) => r.map((v, c) => (numeric[c] ? String(v).padStart(widths[c]!) : String(v).padEnd(widths[c]!))).join('  ').trimEnd());
}

/** `[[0,3],[8,8]]` as `0-3,8`. */
export function ranges(extents: ReadonlyArray<readonly [number, number]> | null): string {
  if (extents === null) return 'all';
  if (extents.length === 0) return '-';
  return extents.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
}

/** LDEV numbers as ranges, `0-63,70`; `-` for none. */
export function numberRanges(list: readonly number[]): string {
  if (list.length === 0) return '-';
  const out: string[] = [];
  let start = list[0]!;
  let prev = start;
  for (const n of [...list.slice(1), NaN]) {
    if (n === prev + 1) {
      prev = n;
      continue;
    }
    out.push(start === prev ? `${start}` : `${start}-${prev}`);
    start = prev = n;
  }
  return out.join(',');
}
