/** Prints the figures as a table plus one verdict line each, and writes out/bench.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Figure, passes } from './figure.ts';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function cell(v: unknown): string {
  return typeof v === 'number' ? String(v) : typeof v === 'string' ? v : JSON.stringify(v);
}

/** Scalar detail entries (numbers) as "key=value" pairs, for the table's last column. */
function numbers(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => typeof v === 'number' || (Array.isArray(v) && v.every((x) => typeof x === 'number')))
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : cell(v)}`)
    .join(' ');
}

export function printTable(figures: readonly Figure[]): void {
  const head = ['id', 'ratio', 'target', 'better', 'baseline', 'verdict'];
  const rows = figures.map((f) => [f.id, String(f.ratio), String(f.target), f.better, f.baseline, passes(f) ? 'PASS' : 'MISS']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => pad(c, widths[i]!)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('');
  for (const f of figures) {
    console.log(`${f.id}: ${numbers(f.detail)}`);
    for (const [k, v] of Object.entries(f.detail)) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && k !== 'probe' && k !== 'geometry') {
        console.log(`  ${k}: ${numbers(v as Record<string, unknown>)}`);
      }
    }
  }
}

export function printVerdicts(figures: readonly Figure[]): void {
  console.log('');
  for (const f of figures) {
    const ok = passes(f);
    const cmp = f.better === 'higher' ? '>=' : '<=';
    console.log(`${ok ? 'PASS' : 'MISS'}  ${f.id}  ratio ${f.ratio}  target ${cmp} ${f.target}${ok ? '' : '   <-- MISS'}`);
  }
}

export function writeJson(path: string, figures: readonly Figure[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ figures }, null, 2)}\n`);
}
