/**
 * spec/limits.md: each limit at its edge (the value accepted, the value + 1 refused, with
 * `error.limit`), result lists cut at resultListMax (LIM-7), every Object.prototype key as
 * every name (LIM-3), observation that is not host I/O (LIM-6), and a crash as its own
 * outcome (LIM-9). The cases themselves are regression traces
 * (properties/regressions/lim-*.jsonl, run by test/regressions.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES, isModelError } from '../src/errors.ts';
import { LIMITS, LimitError } from '../src/limits.ts';
import { observeTrace } from '../src/observe/observe-trace.ts';
import { narrate } from '../src/observe/narrative.ts';
import { createRaidGroup } from '../src/raid/create-group.ts';
import { HANDLERS } from '../src/trace/handlers/index.ts';
import { runTrace, type StepOutcome } from '../src/trace/runner.ts';
import { resolveEmulation } from '../src/volume/emulation.ts';

const header = '{"trace": 1}';
const trace = (...steps: object[]) => [header, ...steps.map((s) => JSON.stringify(s))].join('\n');
const sys = (id: string, groups: object[], ldevBytes = 1048576) => ({ op: 'system', id, ldevBytes, raidGroups: groups });
const raid1 = (id: string, deviceBytes: number) => ({ id, level: 'raid1', devices: 2, deviceBytes });

function limitOf(fn: () => unknown): { name: string; max: number; value: number } | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof LimitError) return e.limit;
    throw e;
  }
}

describe('limits at their edges (LIM-1, LIM-2)', () => {
  it('emulation: volumeBytesMax, trackBytesMax and volumeTracksMax accept the limit and refuse one more', () => {
    expect(limitOf(() => resolveEmulation({ emulation: 'OPEN-V', bytes: LIMITS.volumeBytesMax, trackBytes: LIMITS.trackBytesMax }))).toBeNull();
    expect(limitOf(() => resolveEmulation({ emulation: 'OPEN-V', bytes: LIMITS.volumeBytesMax + 512, trackBytes: LIMITS.trackBytesMax }))?.name).toBe('volumeBytesMax');
    expect(limitOf(() => resolveEmulation({ emulation: 'OPEN-V', bytes: 2 ** 24, trackBytes: LIMITS.trackBytesMax }))).toBeNull();
    expect(limitOf(() => resolveEmulation({ emulation: 'OPEN-V', bytes: 2 ** 25, trackBytes: LIMITS.trackBytesMax + 512 }))).toMatchObject({ name: 'trackBytesMax', value: LIMITS.trackBytesMax + 512 });
    const tracks = LIMITS.volumeTracksMax;
    expect(resolveEmulation({ emulation: 'OPEN-V', bytes: tracks * 512, trackBytes: 512 }).tracks).toBe(tracks);
    expect(limitOf(() => resolveEmulation({ emulation: 'OPEN-V', bytes: (tracks + 1) * 512, trackBytes: 512 }))).toMatchObject({ name: 'volumeTracksMax', max: tracks, value: tracks + 1 });
  });

  it('RAID groups: devicesPerGroupMax and deviceBytesMax', () => {
    expect(createRaidGroup({ id: 'G', level: 'raid5', devices: LIMITS.devicesPerGroupMax, deviceBytes: 4096 }).devices.length).toBe(64);
    expect(limitOf(() => createRaidGroup({ id: 'G', level: 'raid5', devices: 65, deviceBytes: 4096 }))?.name).toBe('devicesPerGroupMax');
    expect(createRaidGroup({ id: 'G', level: 'raid1', devices: 2, deviceBytes: LIMITS.deviceBytesMax }).capacityBytes).toBe(2 ** 48);
    expect(limitOf(() => createRaidGroup({ id: 'G', level: 'raid1', devices: 2, deviceBytes: 2 ** 48 + 1 }))?.name).toBe('deviceBytesMax');
  });

  it('systems: raidGroupsPerSystemMax and nameCharsMax, refused with error.limit on the result line', () => {
    const groups = (n: number) => Array.from({ length: n }, (_, i) => raid1(`G${i}`, 1048576));
    const name = (n: number) => 'N'.repeat(n);
    const run = runTrace(trace(sys('A', groups(256)), sys('B', groups(257)), sys(name(256), [raid1('G', 1048576)]), sys(name(257), [raid1('G', 1048576)])));
    expect(run.results.map((r) => r.ok)).toEqual([true, false, true, false]);
    expect(run.results[1]!.error).toMatchObject({ code: 'INVALID_ARGUMENT', limit: { name: 'raidGroupsPerSystemMax', max: 256, value: 257 } });
    expect(run.results[3]!.error).toMatchObject({ code: 'INVALID_ARGUMENT', limit: { name: 'nameCharsMax', max: 256, value: 257 } });
  });
});

describe('reads shown as hex, and names joined by ":"', () => {
  it('readHexBytesMax bytes come back as hex; one more only as sha256', () => {
    const max = LIMITS.readHexBytesMax;
    const read = (length: number) => ({ op: 'read', system: 'S', volume: 'V', offset: 0, length });
    const run = runTrace(trace(sys('S', [raid1('G', 16777216)]), { op: 'volume', system: 'S', id: 'V', emulation: 'OPEN-V', bytes: 1048576 }, read(max), read(max + 1)));
    expect((run.results[2]!.hex as string).length).toBe(2 * max);
    expect(run.results[3]).not.toHaveProperty('hex');
    expect(run.results[3]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a system or volume id holding ":" is refused (LIM-3): "SYSTEM:VOLUME" stays one name', () => {
    const run = runTrace(trace(sys('S:1', [raid1('G', 1048576)]), sys('S', [raid1('G', 16777216)]), { op: 'volume', system: 'S', id: ':', emulation: 'OPEN-V', bytes: 1048576 }, { op: 'check' }));
    expect(run.results.map((r) => r.error?.code ?? 'ok')).toEqual(['INVALID_ARGUMENT', 'ok', 'INVALID_ARGUMENT', 'ok']);
  });
});

describe('the host transfer, and expect, as the host gave them', () => {
  it('a 16 MiB write off track boundaries into a migrating volume is accepted (its whole-track fetch is not a host read)', () => {
    const g = (id: string) => sys(id, [{ id: 'G', level: 'raid5', devices: 4, deviceBytes: 4294967296 }], 67108864);
    const vol = (system: string) => ({ op: 'volume', system, id: 'A', emulation: 'OPEN-V', bytes: 1073741824 });
    const run = runTrace(trace(g('O'), g('N'), { op: 'link', between: ['O', 'N'] }, vol('O'), vol('N'), { op: 'pairCreate', id: 'M', kind: 'migration', source: 'O:A', target: 'N:A', extents: [[0, 16383]] }, { op: 'write', system: 'N', volume: 'A', offset: 65536007, data: { fill: 1, length: LIMITS.transferBytesMax } }, { op: 'read', system: 'N', volume: 'A', offset: 65536007, length: LIMITS.transferBytesMax, expect: { fill: 1, length: LIMITS.transferBytesMax } }));
    expect(run.results.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(run.exitCode).toBe(0);
  });

  it('expect never finds a field on Object.prototype (LIM-3)', () => {
    const run = runTrace(trace(sys('S', [raid1('G', 1048576)]), { op: 'volume', system: 'S', id: 'V', emulation: 'OPEN-V', bytes: 1048576 }, { op: 'volumeInfo', system: 'S', volume: 'V', expect: JSON.parse('{"__proto__": {}}') }, { op: 'volumeInfo', system: 'S', volume: 'V', expect: { constructor: 1 } }));
    expect(run.results[2]!.expectFailed).toMatch(/__proto__: expected an object, got nothing/);
    expect(run.results[3]!.expectFailed).toMatch(/constructor: expected 1, got nothing/);
  });
});

describe('result lists (LIM-7)', () => {
  it('a list of resultListMax items is whole; one more keeps resultListMax items with its count', () => {
    const max = LIMITS.resultListMax;
    const run = runTrace(trace(sys('S', [raid1('G', max * 512)], 512), sys('T', [raid1('G', (max + 1) * 512)], 512)));
    const [whole, cut] = run.results.map((r) => (r.raidGroups as Array<Record<string, unknown>>)[0]!);
    expect((whole!.ldevs as number[]).length).toBe(max);
    expect(whole).not.toHaveProperty('ldevsCount');
    expect((cut!.ldevs as number[]).length).toBe(max);
    expect(cut).toMatchObject({ ldevsCount: max + 1, ldevsTruncated: true });
  });

  it('the ldevCountMax system of lim-2 lists its volume with a count', () => {
    const text = readFileSync(join(import.meta.dirname, '..', 'properties', 'regressions', 'lim-2-capacity-first.jsonl'), 'utf8');
    const info = runTrace(text).results.find((r) => r.op === 'volumeInfo')!;
    expect(info).toMatchObject({ ldevsCount: LIMITS.ldevCountMax, ldevsTruncated: true });
    expect(JSON.stringify(info).length).toBeLessThan(100_000);
  });
});

describe('no prototype lookups (LIM-3)', () => {
  const keys = [...new Set(['__proto__', ...Object.getOwnPropertyNames(Object.prototype)])];
  const template = (k: string) =>
    trace(
      sys(k, [{ id: k, level: k, devices: 2, deviceBytes: 1048576 }]),
      sys('S', [raid1(k, 16777216)]),
      { op: 'volume', system: 'S', id: 'V', emulation: k },
      { op: 'volume', system: 'S', id: k, emulation: 'OPEN-V', bytes: 1048576, raidGroup: k },
      { op: 'volume', system: 'S', id: 'C', emulation: 'OPEN-V', bytes: 1048576, trackBytes: 65536 },
      { op: 'write', system: 'S', volume: k, offset: 0, data: { text: 'DATA' } },
      { op: 'dataset', system: 'S', volume: k, name: k.slice(0, 44), extents: [[1, 2]] },
      { op: 'datasets', system: 'S', volume: k },
      { op: 'pairCreate', id: k, kind: 'local', original: `S:${k}`, copy: 'S:C' },
      { op: 'pairCreate', id: 'R', kind: 'remote', source: `S:${k}`, target: k, extents: [[0, 1]], fence: k, allocate: k },
      { op: 'settle' },
      { op: 'status', pair: k },
      { op: 'step', process: k },
      { op: 'step', process: `rebuild:S:${k}` },
      { op: 'pairDivide', pair: k },
      { op: 'read', system: 'S', volume: 'C', offset: 0, length: 4, expect: { text: 'DATA' } },
      { op: 'deviceFail', system: 'S', raidGroup: k, device: 0 },
      { op: 'volumeInfo', system: 'S', volume: k },
      { op: 'relocate', system: 'S', volume: k, tracks: [0, 1], raidGroup: k },
      { op: 'rebalance', system: k },
      { op: 'linkDown', between: ['S', k] },
      { op: 'systemFail', system: k },
      { op: 'check' },
    );

  it.each(keys)('%s as every name: no crash, every refusal a stable code, the volume of that name holds its bytes', (k) => {
    const run = runTrace(template(k));
    expect(run.exitCode).not.toBe(4);
    for (const r of run.results) if (!r.ok) expect(ERROR_CODES as readonly string[]).toContain(r.error!.code);
    const byOp = (op: string) => run.results.filter((r) => r.op === op);
    expect(byOp('volume')[0]!.error?.code).toBe('INVALID_ARGUMENT'); // an unknown emulation type, not NaN bytes
    expect(byOp('volume')[1]!.ok).toBe(true);
    expect(byOp('read')[0]!.expectFailed).toBeUndefined();
  });
});

describe('observation is not host I/O (LIM-6)', () => {
  it('a refused dataset and an accepted datasets run no planner round; a read does', () => {
    const text = readFileSync(join(import.meta.dirname, '..', 'properties', 'regressions', 'lim-5-observation-is-not-io.jsonl'), 'utf8');
    const run = runTrace(text);
    expect(run.exitCode).toBe(0);
    expect(run.results.filter((r) => r.op === 'rebalance').map((r) => r.rounds)).toEqual([1, 2, 4]);
  });
});

describe('a crash is its own outcome (LIM-9)', () => {
  const original = HANDLERS.status;
  afterEach(() => {
    HANDLERS.status = original;
  });
  const crashing = trace(sys('S', [raid1('G', 1048576)]), { op: 'status', pair: 'P' }, { op: 'check' });

  it('runTrace: an INTERNAL_ERROR line naming the exception, no later step, exit 4', () => {
    HANDLERS.status = () => {
      throw new TypeError('boom');
    };
    const run = runTrace(crashing);
    expect(run.exitCode).toBe(4);
    expect(run.results.map((r: StepOutcome) => r.op)).toEqual(['system', 'status']);
    expect(run.results[1]).toMatchObject({ line: 3, ok: false, error: { code: 'INTERNAL_ERROR' } });
    expect(run.results[1]!.error!.message).toMatch(/TypeError: boom/);
    expect(ERROR_CODES as readonly string[]).not.toContain('INTERNAL_ERROR');
  });

  it('replay tells the crash with its own verdict', () => {
    HANDLERS.status = () => {
      throw new RangeError('Invalid typed array length');
    };
    const snapshots = observeTrace(crashing, 'crash');
    expect(snapshots.exitCode).toBe(4);
    expect(narrate(snapshots).join('\n')).toMatch(/verdict: exit 4, the model crashed \(INTERNAL_ERROR/);
  });

  it('a refusal is still a refusal, not a crash', () => {
    const run = runTrace(trace({ op: 'status', pair: 'P' }));
    expect(run.exitCode).toBe(1);
    expect(run.results[0]!.error!.code).toBe('NOT_FOUND');
    expect(isModelError(new LimitError('INVALID_ARGUMENT', 'x', 'transferBytesMax', 1))).toBe(true);
  });
});
