/**
 * TERM-V-2: every pair of a live model as one row of `pairdisplay` (spec/terminals.md): group,
 * pair, P-VOL and S-VOL with their LDEVs, the status in CCI's name and the model's, fence,
 * copy %, bitmap counts, extents and who issued its requests. Built from the same `status`
 * fields the trace reports, so the two never disagree.
 */
import type { RunContext } from '../trace/context.ts';
import { localStatus, originalKey } from '../trace/handlers/local-status.ts';
import { remoteStatus } from '../trace/handlers/remote-status.ts';
import { migrationStatus } from '../trace/handlers/migration-pairs.ts';
import { requestsOf } from '../trace/request-log.ts';
import { cciStatus, type CciStatus } from './cci-status.ts';

export interface PairRow {
  readonly group: string | null;
  readonly pair: string;
  readonly kind: 'local' | 'remote' | 'migration';
  readonly pvol: string;
  readonly svol: string;
  readonly pvolLdevs: readonly number[];
  readonly svolLdevs: readonly number[];
  /** The model's state (spec/local-copy.md, spec/remote-copy.md, spec/migration.md). */
  readonly state: string;
  readonly cci: CciStatus;
  readonly fence: string | null;
  /** Copy % as pairdisplay -fc shows it: tracks of the area copied. */
  readonly copyPercent: number;
  readonly bits: Readonly<Record<string, number>>;
  readonly extents: ReadonlyArray<readonly [number, number]> | null;
  readonly suspendReason: string | null;
  /** Systems of the pair's volumes that have failed (SYS-5): what the view shows of them is the model's last word. */
  readonly failedSystems: readonly string[];
  /** The `status` op's fields for the pair (what `--json` prints). */
  readonly status: Readonly<Record<string, unknown>>;
}

/** A row as JSON (`status --json`, `pairdisplay -json`, `GET /v1/pairs`): the `status` fields with CCI's names, LDEVs and copy %. */
export function pairJson(r: PairRow): Record<string, unknown> {
  return { ...r.status, cci: r.cci, pvol: r.pvol, svol: r.svol, pvolLdevs: r.pvolLdevs, svolLdevs: r.svolLdevs, copyPercent: r.copyPercent, ...(r.failedSystems.length > 0 ? { failedSystems: r.failedSystems } : {}) };
}

/** Every pair: local, then remote, then migration, each in creation order. */
export function pairRows(ctx: RunContext): PairRow[] {
  const m = ctx.model;
  const rows: PairRow[] = [];
  for (const p of m.localCopy.pairs.values()) {
    const status = localStatus(p);
    const system = m.localCopy.systemOfPair(p.id).id;
    rows.push(row(ctx, status, originalKey(ctx, p), `${system}:${p.copy.id}`, null, localPercent(status)));
  }
  for (const p of m.remote.pairs.values()) {
    const status = remoteStatus(p);
    rows.push(row(ctx, status, p.source.key, p.targetKey, p.fence, copyPercent(status)));
  }
  for (const p of m.migration.pairs.values()) {
    const status = migrationStatus(p);
    rows.push(row(ctx, status, p.source.key, p.target.key, null, copyPercent(status)));
  }
  return rows;
}

function row(ctx: RunContext, status: Record<string, unknown>, pvol: string, svol: string, fence: string | null, copyPercent: number): PairRow {
  const s = status as { pair: string; kind: PairRow['kind']; state: string; group?: string; suspendReason?: string; extents?: [number, number][]; bits: Record<string, number> };
  const group = s.group ?? null;
  return {
    group, pair: s.pair, kind: s.kind, pvol, svol, pvolLdevs: ldevsOf(ctx, pvol), svolLdevs: ldevsOf(ctx, svol),
    state: s.state, cci: cciStatus(s.kind, s.state, s.suspendReason), fence, copyPercent, bits: s.bits, extents: s.extents ?? null,
    suspendReason: s.suspendReason ?? null, failedSystems: failedOf(ctx, [pvol, svol]), status: { ...status, requests: requestsOf(ctx.requests, s.pair, group) },
  };
}

function failedOf(ctx: RunContext, keys: readonly string[]): string[] {
  const ids = [...new Set(keys.map((k) => k.slice(0, k.indexOf(':'))))];
  return ids.filter((id) => ctx.model.systems.get(id)?.failed === true);
}

/** The LDEV numbers under a volume (empty when its system or volume is gone). */
function ldevsOf(ctx: RunContext, key: string): number[] {
  const i = key.indexOf(':');
  const v = ctx.model.systems.get(key.slice(0, i))?.volumes.get(key.slice(i + 1));
  return v ? v.table.flatMap((e) => (e.ldev.number === null ? [] : [e.ldev.number])) : [];
}

function copyPercent(status: Record<string, unknown>): number {
  const c = status.copy as { copied: number; total: number };
  return c.total === 0 ? 100 : Math.floor((100 * c.copied) / c.total);
}

/** A local pair's copy %: the tracks its running copy process has examined (100 with none running). */
function localPercent(status: Record<string, unknown>): number {
  const ps = status.processes as { examined: number; total: number }[];
  if (ps.length === 0) return 100;
  const examined = ps.reduce((n, p) => n + p.examined, 0);
  const total = ps.reduce((n, p) => n + p.total, 0);
  return total === 0 ? 100 : Math.floor((100 * examined) / total);
}
