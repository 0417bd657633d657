/**
 * TERM-T-2: CCI's pair commands on the maintenance terminal, each made into the trace op
 * that makes the same request (spec/glossary.md lists them side by side). A command that
 * names a pair decides by the pair's kind: `pairsplit` of a local pair divides it
 * (ShadowImage), of a remote pair suspends it (TrueCopy); `-S` deletes either.
 */
import { parseExtents, type Args } from './cci-args.ts';
import { pairJson, pairRows, type PairRow } from './pair-rows.ts';
import { pairDisplay } from './pair-display.ts';
import { raidDisplay } from './raid-display.ts';
import { pairvolchkCode } from './cci-status.ts';
import { rcOf, refusal, type Reply, usage } from './reply.ts';
import { didYouMean, nearestNames } from '../trace/hints.ts';
import type { Session } from './session.ts';
import { pairevtwait } from './pairevtwait.ts';

type Command = (s: Session, a: Args) => Reply;


/** `-d PAIR` or `-g GROUP` as the op's `pair` or `group` field. */
function target(a: Args): { pair: string } | { group: string } | null {
  const d = a.options.get('d') ?? a.words[0];
  const g = a.options.get('g');
  if (typeof g === 'string' && d === undefined) return { group: g };
  if (typeof d === 'string' && g === undefined) return { pair: d };
  return null;
}

/** The kind of the pair or group named (from the pairs the model holds). */
function kindOf(s: Session, t: { pair: string } | { group: string }): string | undefined {
  if ('pair' in t) return s.ctx.model.pairKind(t.pair);
  return pairRows(s.ctx).find((r) => r.group === t.group)?.kind;
}

/** Runs the op and answers in one line: ok with the pair's status now, or the refusal. */
function request(s: Session, command: string, step: Record<string, unknown>): Reply {
  const out = s.apply(step, 'maintenanceTerminal');
  if (!out.ok) return { lines: [refusal(command, out)], rc: rcOf(out) };
  return { lines: [`${command}: ${step.op} ok${statusNote(s, step)}`], rc: rcOf(out) };
}

function statusNote(s: Session, step: Record<string, unknown>): string {
  const rows = pairRows(s.ctx).filter((r) => r.pair === step.pair || r.pair === step.id || (step.group !== undefined && r.group === step.group));
  return rows.length === 0 ? '' : `; ${rows.map((r) => `${r.pair} is ${r.cci.pvol} (${r.state})`).join(', ')}`;
}

const paircreate: Command = (s, a) => {
  const id = a.options.get('d') ?? a.words[0];
  const pvol = a.options.get('pvol');
  if (typeof id !== 'string' || typeof pvol !== 'string') return usage('usage: paircreate -d PAIR -pvol SYSTEM:VOLUME (-svol SYSTEM:VOLUME | -remote SYSTEM [-svol NAME]) [-e EXTENTS] [-g GROUP] [-f never|data|status] [-migrate]');
  const ext = a.options.get('e');
  const extents = typeof ext === 'string' ? parseExtents(ext) : undefined;
  if (extents === null) return usage(`paircreate: -e ${String(ext)}: expected extents like 0-15,20-31`);
  const opt = (k: string, field: string) => (typeof a.options.get(k) === 'string' ? { [field]: a.options.get(k) } : {});
  const remote = a.options.get('remote');
  const svol = a.options.get('svol');
  if (typeof remote !== 'string' && (a.options.has('f') || a.options.has('a'))) return usage('paircreate: -f and -a are for remote pairs (-remote SYSTEM)');
  if (typeof remote === 'string' && a.options.has('migrate')) return usage('paircreate: -remote and -migrate make two kinds of pair: give one');
  const common = { op: 'pairCreate', id, ...(extents ? { extents } : {}), ...opt('g', 'group') };
  if (typeof remote === 'string') return request(s, 'paircreate', { ...common, kind: 'remote', source: pvol, target: remote, extents: extents ?? [], ...opt('svol', 'targetVolume'), ...opt('f', 'fence'), ...opt('a', 'allocate') });
  if (typeof svol !== 'string') return usage('paircreate: give -svol SYSTEM:VOLUME (a local or migration pair) or -remote SYSTEM (a remote pair)');
  if (a.options.has('migrate')) return request(s, 'paircreate', { op: 'pairCreate', id, kind: 'migration', source: pvol, target: svol, extents: extents ?? [] });
  return request(s, 'paircreate', { ...common, kind: 'local', original: pvol, copy: svol });
};

const pairsplit: Command = (s, a) => {
  const t = target(a);
  if (t === null) return usage('usage: pairsplit (-d PAIR | -g GROUP) [-S] [-e EXTENTS]');
  if (a.options.has('S')) return request(s, 'pairsplit', { op: 'pairDelete', ...t });
  if (a.options.has('E')) return { lines: ['pairsplit -E: no request suspends a pair by error here: the model suspends by error only on a failure of the copy side (LC-F-1, RC-F-3); use {"op":"deviceFail",...} or {"op":"systemFail",...}'], rc: 2 };
  const kind = kindOf(s, t);
  const ext = a.options.get('e');
  const extents = typeof ext === 'string' ? parseExtents(ext) : undefined;
  if (extents === null) return usage(`pairsplit: -e ${String(ext)}: expected extents like 0-15,20-31`);
  if (kind === 'remote') return request(s, 'pairsplit', { op: 'pairSuspend', ...t });
  return request(s, 'pairsplit', { op: 'pairDivide', ...t, ...(extents ? { extents } : {}) });
};

const pairresync: Command = (s, a) => {
  const t = target(a);
  if (t === null) return usage('usage: pairresync (-d PAIR | -g GROUP)');
  const r = request(s, 'pairresync', { op: 'pairResync', ...t });
  if (r.rc === 0 || kindOf(s, t) !== 'local') return r;
  // A divided local pair has no resync in the seed (LC-F-2 is after an error only): say what does the job.
  return { ...r, lines: [...r.lines, '  a divided local pair is brought up to date by extentUpdate (LC-R-3), or deleted and created again (pairsplit -S, paircreate)'] };
};

const horctakeover: Command = (s, a) => {
  const t = target(a);
  if (t === null || !('pair' in t)) return usage('usage: horctakeover -d PAIR [-noextend]');
  return request(s, 'horctakeover', { op: 'takeover', pair: t.pair, ...(a.options.has('noextend') ? { extend: false } : {}) });
};

/** The rows a display command selects: `-d PAIR`, `-g GROUP`, or all. */
function selected(s: Session, a: Args): PairRow[] | Reply {
  const rows = pairRows(s.ctx);
  const t = a.options.has('d') || a.options.has('g') || a.words.length > 0 ? target(a) : null;
  if (t === null) return rows;
  const picked = rows.filter((r) => ('pair' in t ? r.pair === t.pair : r.group === t.group));
  if (picked.length === 0) return { lines: [`no ${'pair' in t ? `pair ${t.pair}` : `group ${t.group}`}`], rc: 1 };
  return picked;
}

const pairdisplay: Command = (s, a) => {
  const rows = selected(s, a);
  if (!Array.isArray(rows)) return rows;
  if (a.options.has('json')) return { lines: rows.map((r) => JSON.stringify(pairJson(r))), rc: 0 };
  return { lines: pairDisplay(rows), rc: 0 };
};

const pairvolchk: Command = (s, a) => {
  const t = target(a);
  if (t === null) return usage('usage: pairvolchk (-d PAIR | -g GROUP) [-ss] [-c]');
  const smpl = { lines: ['pairvolchk : Volstat is SMPL.'], rc: a.options.has('ss') ? 11 : 1 };
  const rows = selected(s, a);
  if (!Array.isArray(rows)) return everCreated(s, t) ? smpl : unknownPair(s, t);
  const r = rows[0]!;
  const side = a.options.has('c') ? 'svol' : 'pvol';
  const status = r.cci[side];
  if (status === 'SMPL') return smpl;
  const fence = r.fence ? ` fence = ${r.fence.toUpperCase()}` : '';
  const code = pairvolchkCode(side, status);
  return { lines: [`pairvolchk : Volstat is ${side === 'pvol' ? 'P-VOL' : 'S-VOL'}.[status = ${status}${fence}]`], rc: a.options.has('ss') ? code : side === 'pvol' ? 2 : 3 };
};

/** A pair or group the session once created (now deleted: SMPL), rather than a misspelt name. */
function everCreated(s: Session, t: { pair: string } | { group: string }): boolean {
  return s.ctx.requests.some((q) => q.op === 'pairCreate' && ('pair' in t ? q.pair === t.pair : q.group === t.group));
}

function unknownPair(s: Session, t: { pair: string } | { group: string }): Reply {
  const rows = pairRows(s.ctx);
  const names = 'pair' in t ? rows.map((r) => r.pair) : [...new Set(rows.flatMap((r) => (r.group ? [r.group] : [])))];
  const name = 'pair' in t ? t.pair : t.group;
  return { lines: [`pairvolchk: no ${'pair' in t ? 'pair' : 'group'} ${name}${didYouMean(nearestNames(name, names))}`], rc: 1 };
}

const raidscan: Command = (s, a) => {
  const sys = a.options.get('s') ?? a.words[0];
  if (typeof sys === 'string' && !s.ctx.model.systems.has(sys)) return { lines: [`raidscan: no system ${sys}`], rc: 1 };
  return { lines: raidDisplay(s.ctx.model, typeof sys === 'string' ? sys : undefined), rc: 0 };
};

/** The commands, their one-line help, and the trace ops they make. */
export const CCI_COMMANDS: Readonly<Record<string, { readonly run: Command; readonly help: string; readonly ops: string }>> = {
  paircreate: { run: paircreate, ops: 'pairCreate', help: 'paircreate -d PAIR -pvol S:V (-svol S:V | -remote SYS [-svol NAME]) [-e 0-15] [-g GROUP] [-f never|data|status] [-migrate]' },
  pairsplit: { run: pairsplit, ops: 'pairDivide (local), pairSuspend (remote), pairDelete (-S)', help: 'pairsplit (-d PAIR | -g GROUP) [-e EXTENTS] [-S]' },
  pairresync: { run: pairresync, ops: 'pairResync', help: 'pairresync (-d PAIR | -g GROUP)' },
  pairdisplay: { run: pairdisplay, ops: 'status', help: 'pairdisplay [-d PAIR | -g GROUP] [-fc] [-json]: every pair when none is named' },
  pairevtwait: { run: pairevtwait as Command, ops: 'step (repeated)', help: 'pairevtwait (-d PAIR | -g GROUP) -s STATUS [-t STEPS] [-tracks N]: steps the copy until the status holds' },
  pairvolchk: { run: pairvolchk, ops: 'status', help: 'pairvolchk (-d PAIR | -g GROUP) [-ss] [-c]: the P-VOL (or with -c the S-VOL) attribute and status; -ss exit values as CCI' },
  horctakeover: { run: horctakeover, ops: 'takeover', help: 'horctakeover -d PAIR [-noextend]' },
  raidscan: { run: raidscan, ops: 'volumeInfo', help: 'raidscan [-s SYSTEM]: systems, RAID groups (health, rebuild progress), volumes, paths' },
  mdstat: { run: raidscan, ops: 'volumeInfo', help: 'mdstat [SYSTEM]: the same view as raidscan, as /proc/mdstat shows md devices' },
};

