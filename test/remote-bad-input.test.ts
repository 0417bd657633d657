import { createHash } from 'node:crypto';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/errors.ts';
import { newContext, type RunContext } from '../src/trace/context.ts';
import { parseTrace } from '../src/trace/parse.ts';
import { runStep } from '../src/trace/runner.ts';

const SETUP = `{"trace": 1}
{"op": "system", "id": "S", "ldevBytes": 65536, "pairTables": 3, "raidGroups": [{"id": "RG", "level": "raid5", "devices": 4, "deviceBytes": 524288}]}
{"op": "system", "id": "T", "ldevBytes": 65536, "tables": "group", "raidGroups": [{"id": "RG", "level": "raid1", "devices": 2, "deviceBytes": 1048576}]}
{"op": "system", "id": "U", "ldevBytes": 131072, "raidGroups": [{"id": "RG", "level": "raid6", "devices": 4, "deviceBytes": 524288}]}
{"op": "link", "between": ["S", "T"]}
{"op": "link", "between": ["S", "U"]}
{"op": "volume", "system": "S", "id": "V", "emulation": "OPEN-V", "bytes": 1048576}
{"op": "volume", "system": "U", "id": "W", "emulation": "OPEN-V", "bytes": 1048576}
{"op": "write", "system": "S", "volume": "V", "offset": 65536, "data": {"fill": 7, "length": 70000}}
{"op": "pairCreate", "id": "R", "kind": "remote", "source": "S:V", "target": "T", "extents": [[1, 3]]}
{"op": "pairCreate", "id": "M", "kind": "migration", "source": "S:V", "target": "U:W", "extents": [[9, 10]], "expectError": "INVALID_STATE"}
{"op": "step", "pair": "R"}
`;

function setup(): RunContext {
  const ctx = newContext('corrected');
  for (const { line, step } of parseTrace(SETUP).steps) {
    const r = runStep(ctx, line, step);
    expect(r.expectFailed, JSON.stringify(r)).toBeUndefined();
  }
  return ctx;
}

/** Everything a refusal must leave unchanged (RC-G-1, MG-G-1: "changing nothing"). */
function digest(ctx: RunContext): string {
  const m = ctx.model;
  const systems = [...m.systems.values()].map((s) => ({
    id: s.id,
    failed: s.failed,
    free: s.pool.freeCount(),
    idle: s.idle.freeBytes(),
    tables: s.pairTablePool.inUse,
    volumes: [...s.volumes.values()].map((v) => {
      const h = createHash('sha256');
      for (const [a, b] of v.mappedRanges()) h.update(v.read(a, b - a + 1));
      return [v.id, v.capacityBytes, v.allocatedBytes, h.digest('hex')];
    }),
  }));
  const remote = [...m.remote.pairs.values()].map((p) => [p.id, p.state, p.pointer, p.bits.count(), p.target.id]);
  const migration = [...m.migration.pairs.values()].map((p) => [p.id, p.state, p.pointer, p.pending.count()]);
  return JSON.stringify({ systems, remote, migration, local: [...m.localCopy.pairs.keys()] });
}

const id = fc.constantFrom('R', 'M', 'NEW', 'X');
const volumeKey = fc.constantFrom('S:V', 'U:W', 'T:R-T', 'S:NOPE', 'NOPE:V', 'S', '');
const system = fc.constantFrom('S', 'T', 'U', 'NOPE');
const number = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.constantFrom(0.5, 1e300, -0));
const extents = fc.array(fc.tuple(number, number).map(([a, b]) => [a, b]), { maxLength: 3 });
const badStep = fc.oneof(
  fc.record({ op: fc.constant('pairCreate'), id, kind: fc.constant('remote'), source: volumeKey, target: system, extents, fence: fc.constantFrom('never', 'data', 'sometimes'), allocate: fc.constantFrom('extent', 'full', 'half'), targetVolume: fc.constantFrom('R-T', 'Z') }),
  fc.record({ op: fc.constant('pairCreate'), id, kind: fc.constant('migration'), source: volumeKey, target: volumeKey, extents }),
  fc.record({ op: fc.constantFrom('pairSuspend', 'pairResync', 'pairDelete', 'pairDivide', 'extentCouple'), pair: id }),
  fc.record({ op: fc.constant('takeover'), pair: id, extend: fc.boolean() }),
  fc.record({ op: fc.constant('step'), pair: id, tracks: number }),
  fc.record({ op: fc.constant('write'), system, volume: fc.constantFrom('V', 'R-T', 'W'), offset: number.map((n) => n * 65536), data: fc.constant({ text: 'x' }) }),
);

describe('remote copy and migration: a refused request names a stable code and changes nothing', () => {
  it('random requests, good and bad, after a setup with a remote pair in copying', () => {
    fc.assert(
      fc.property(badStep, (step) => {
        const ctx = setup();
        const before = digest(ctx);
        const r = runStep(ctx, 99, step as never);
        if (r.ok) return; // accepted: something may change
        expect(ERROR_CODES).toContain(r.error!.code);
        expect(r.error!.message.length).toBeGreaterThan(5);
        expect(digest(ctx)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('the codes of the contract for the common mistakes', () => {
    const ctx = setup();
    const code = (line: string) => {
      const { step } = parseTrace(`{"trace": 1}\n${line}`).steps[0]!;
      return runStep(ctx, 2, step).error?.code;
    };
    expect(code('{"op": "pairCreate", "id": "R", "kind": "remote", "source": "S:V", "target": "T", "extents": [[4, 5]]}')).toBe('ALREADY_EXISTS');
    expect(code('{"op": "pairCreate", "id": "Q", "kind": "remote", "source": "S:V", "target": "T", "extents": [[3, 5]]}')).toBe('INVALID_STATE');
    expect(code('{"op": "pairCreate", "id": "Q", "kind": "remote", "source": "S:V", "target": "T", "extents": [[4, 99]]}')).toBe('OUT_OF_RANGE');
    expect(code('{"op": "pairCreate", "id": "Q", "kind": "remote", "source": "S:V", "target": "T", "extents": [[5, 4]]}')).toBe('INVALID_ARGUMENT');
    expect(code('{"op": "pairCreate", "id": "Q", "kind": "remote", "source": "S:V", "target": "S", "extents": [[4, 5]]}')).toBe('INVALID_ARGUMENT');
    expect(code('{"op": "pairCreate", "id": "Q", "kind": "remote", "source": "S:V", "target": "T", "extents": [[4, 5]], "fence": "async"}')).toBe('INVALID_ARGUMENT');
    expect(code('{"op": "pairCreate", "id": "Q", "kind": "remote", "source": "U:W", "target": "T", "extents": [[4, 5]]}')).toBe('NOT_FOUND');
    expect(code('{"op": "pairCreate", "id": "Q", "kind": "remote", "source": "S:V", "target": "U", "extents": [[8, 15]], "allocate": "full"}')).toBe('NO_CAPACITY');
    expect(code('{"op": "takeover", "pair": "R"}')).toBe('INVALID_STATE');
    expect(code('{"op": "pairResync", "pair": "R"}')).toBe('INVALID_STATE');
    expect(code('{"op": "pairDivide", "pair": "R"}')).toBe('INVALID_STATE');
    expect(code('{"op": "write", "system": "T", "volume": "R-T", "offset": 65536, "data": {"text": "x"}}')).toBe('INVALID_STATE');
    expect(code('{"op": "read", "system": "T", "volume": "R-T", "offset": 0, "length": 1}')).toBe('OUT_OF_RANGE');
    expect(code('{"op": "linkDown", "between": ["S", "T"]}')).toBeUndefined();
    expect(code('{"op": "pairResync", "pair": "R"}')).toBe('LINK_DOWN');
    expect(code('{"op": "pairCreate", "id": "Q", "kind": "remote", "source": "S:V", "target": "T", "extents": [[4, 5]]}')).toBe('LINK_DOWN');
  });
});
