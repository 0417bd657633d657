/**
 * A trace step as a storage engineer would say it: `pairDivide P1`,
 * `write S:ORIG bytes 0..511 (fill 1)`, `step P1 by 4 tracks`. Works on the step as written
 * (plain JSON), so it also reads steps of traces saved by older versions.
 */

import { REQUEST_OPS } from '../trace/schema.ts';

type Fields = Readonly<Record<string, unknown>>;
type Describe = (s: Fields) => string;

/** `S:V` of a step naming `system` and `volume`. */
function vol(s: Fields): string {
  return `${String(s.system)}:${String(s.volume)}`;
}

/** `tracks 2–4, 9–9` of a list of inclusive extents. */
export function describeExtents(extents: unknown): string {
  if (!Array.isArray(extents)) return '';
  const parts = extents.map((e) => (Array.isArray(e) && e.length === 2 ? (e[0] === e[1] ? `${e[0]}` : `${e[0]}–${e[1]}`) : JSON.stringify(e)));
  return `track${extents.length === 1 && parts[0]!.indexOf('–') < 0 ? '' : 's'} ${parts.join(', ')}`;
}

/** A Data value in words; its length in bytes where it can be told without decoding. */
export function describeData(data: unknown): { words: string; length: number | null } {
  const d = (data ?? {}) as Fields;
  if (typeof d.text === 'string') return { words: `text ${JSON.stringify(shorten(d.text, 32))}`, length: Buffer.byteLength(d.text, 'utf8') };
  if (typeof d.hex === 'string') return { words: `hex ${shorten(d.hex, 16)}`, length: d.hex.length / 2 };
  if (typeof d.fill === 'number') return { words: `fill ${d.fill}`, length: typeof d.length === 'number' ? d.length : null };
  if (typeof d.sha256 === 'string') return { words: `sha256 ${d.sha256.slice(0, 12)}…`, length: null };
  return { words: JSON.stringify(data), length: null };
}

function shorten(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}

/** `bytes a..b` of an offset and a length (inclusive, as the spec's extents). */
function byteRange(offset: unknown, length: number | null): string {
  if (typeof offset !== 'number') return `at ${String(offset)}`;
  if (length === null) return `from byte ${offset}`;
  return length === 0 ? `0 bytes at ${offset}` : `bytes ${offset}..${offset + length - 1}`;
}

/** A step's `tracks`: tracks examined for a copy, rebuild units for a rebuild (spec/trace-format.md `step`). */
function stepUnits(s: Fields): string {
  const n = s.tracks ?? 1;
  const unit = typeof s.process === 'string' && s.process.startsWith('rebuild:') ? 'unit' : 'track';
  return `${String(n)} ${unit}${n === 1 ? '' : 's'}`;
}

const DESCRIBE: Readonly<Record<string, Describe>> = {
  system: (s) => {
    const groups = Array.isArray(s.raidGroups) ? (s.raidGroups as Fields[]).map((g) => `${String(g.id)} ${String(g.level)}×${String(g.devices)}`).join(', ') : '';
    return `define system ${String(s.id)} (LDEV ${String(s.ldevBytes)} bytes; RAID groups ${groups})`;
  },
  volume: (s) => {
    const size = s.bytes === undefined ? '' : `, ${String(s.bytes)} bytes`;
    const track = s.trackBytes === undefined ? '' : `, ${String(s.trackBytes)}-byte tracks`;
    return `define volume ${vol({ system: s.system, volume: s.id })} (${String(s.emulation)}${size}${track})`;
  },
  link: (s) => `link systems ${(s.between as unknown[]).join(' – ')}`,
  dataset: (s) => `dataset ${String(s.name)} on ${vol(s)} ${describeExtents(s.extents)}`,
  write: (s) => {
    const data = describeData(s.data);
    return `write ${vol(s)} ${byteRange(s.offset, data.length)} (${data.words})`;
  },
  read: (s) => {
    const expect = s.expect === undefined ? '' : ` expecting ${describeData(s.expect).words}`;
    return `read ${vol(s)} ${byteRange(s.offset, typeof s.length === 'number' ? s.length : null)}${expect}`;
  },
  pairCreate: (s) => {
    const from = s.kind === 'local' ? s.original : s.source;
    const to = s.kind === 'local' ? s.copy : s.kind === 'remote' && s.targetVolume !== undefined ? `${String(s.target)}:${String(s.targetVolume)}` : s.target;
    const area = s.extents === undefined ? ' (whole volume)' : ` ${describeExtents(s.extents)}`;
    const fence = s.fence === undefined ? '' : ` fence ${String(s.fence)}`;
    const allocate = s.allocate === undefined ? '' : ` allocate ${String(s.allocate)}`;
    const group = s.group === undefined ? '' : ` in consistency group ${String(s.group)}`;
    return `pairCreate ${String(s.id)}: ${String(s.kind)} copy ${String(from)} → ${String(to)}${area}${fence}${allocate}${group}`;
  },
  pairDivide: (s) => `pairDivide ${pairOrGroup(s)}${s.extents === undefined ? '' : ` ${describeExtents(s.extents)}`}`,
  extentUpdate: (s) => `extentUpdate ${String(s.pair)} ${describeExtents(s.extents)}`,
  extentDivide: (s) => `extentDivide ${String(s.pair)} ${describeExtents(s.extents)}`,
  extentCouple: (s) => `extentCouple ${String(s.pair)}`,
  pairSuspend: (s) => `pairSuspend ${pairOrGroup(s)}`,
  pairResync: (s) => `pairResync ${pairOrGroup(s)}`,
  pairDelete: (s) => `pairDelete ${pairOrGroup(s)}`,
  takeover: (s) => `takeover ${String(s.pair)}${s.extend === false ? ' (without extending the target)' : ''}`,
  relocate: (s) => `relocate ${vol(s)} ${describeExtents([s.tracks])} onto RAID group ${String(s.raidGroup)}`,
  rebalance: (s) => `rebalance system ${String(s.system)}${s.every === undefined ? '' : ` (then every ${String(s.every)} host I/Os)`}`,
  step: (s) => `step ${s.pair !== undefined ? String(s.pair) : `process ${String(s.process)}`} by ${stepUnits(s)}`,
  settle: () => 'settle (run every background process to completion)',
  deviceFail: (s) => `device ${String(s.device)} of ${String(s.system)}:${String(s.raidGroup)} fails`,
  deviceReplace: (s) => `replace device ${String(s.device)} of ${String(s.system)}:${String(s.raidGroup)}`,
  linkDown: (s) => `path ${(s.between as unknown[]).join(' – ')} goes down`,
  linkUp: (s) => `path ${(s.between as unknown[]).join(' – ')} comes back`,
  systemFail: (s) => `system ${String(s.system)} fails (disaster)`,
  status: (s) => `status of ${pairOrGroup(s)}${expecting(s.expect)}`,
  volumeInfo: (s) => `volumeInfo ${vol(s)}${expecting(s.expect)}`,
  datasets: (s) => `datasets of ${vol(s)}${expecting(s.expect)}`,
  check: () => 'check every invariant',
  host: (s) => `host ${String(s.id)} attached to system ${String(s.system)}`,
  lan: (s) => `LAN between hosts ${(s.between as unknown[]).join(' – ')}`,
  notify: (s) => `host ${String(s.from)} tells host ${String(s.to)} over the LAN that copy ${String(s.volume)}${s.extents === undefined ? '' : ` ${describeExtents(s.extents)}`} is formed`,
  backup: (s) => `host ${String(s.host)} backs up ${String(s.volume)}${s.extents === undefined ? '' : ` ${describeExtents(s.extents)}`} to tape ${String(s.tape)}`,
  restore: (s) => `restore file ${String(s.file)} of tape ${String(s.tape)} into ${String(s.volume)}`,
  tapeLoad: (s) => `load tape ${String(s.tape)} from ${String(s.path)}`,
  tapeInfo: (s) => `files of tape ${String(s.tape)}${expecting(s.expect)}`,
};

function expecting(expect: unknown): string {
  return expect === undefined ? '' : ` expecting ${shorten(JSON.stringify(expect), 100)}`;
}

/** The request in words, with the refusal it expects if any. */
export function describeStep(step: Fields): string {
  const op = typeof step.op === 'string' ? step.op : '?';
  const words = (DESCRIBE[op] ?? ((s: Fields) => `${op} ${shorten(JSON.stringify(s), 100)}`))(step) + issuedBy(op, step);
  return step.expectError === undefined ? words : `${words} (expects refusal ${String(step.expectError)})`;
}

/** The ops that are requests (TERM-R-1, src/trace/schema.ts REQUEST_OPS), and who issues them. */
const REQUESTS: ReadonlySet<string> = new Set(REQUEST_OPS);
const SOURCES: Readonly<Record<string, string>> = { host: 'a host', remoteTerminal: 'the remote terminal', maintenanceTerminal: 'the maintenance terminal' };

/** TERM-R-2: `, issued by the maintenance terminal` for a request with `from`; without it a host issued it, and nothing is added. */
function issuedBy(op: string, step: Fields): string {
  if (!REQUESTS.has(op) || typeof step.from !== 'string') return '';
  return `, issued by ${SOURCES[step.from] ?? step.from}`;
}

/** CG-R-1: a request names one pair or a consistency group. */
function pairOrGroup(s: Record<string, unknown>): string {
  return s.group !== undefined ? `consistency group ${String(s.group)}` : String(s.pair);
}
