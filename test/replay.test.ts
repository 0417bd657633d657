/**
 * `replay` (src/cli/replay.ts): step-by-step observation of a trace run (src/observe/) and
 * the narrative told from it.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureStdout } from './capture-stdout.ts';
import { replayCommand } from '../src/cli/replay.ts';
import { invariantViolations } from '../src/observe/invariant-violations.ts';
import { narrate } from '../src/observe/narrative.ts';
import { observeTrace } from '../src/observe/observe-trace.ts';
import type { StepSnapshot, TraceSnapshots } from '../src/observe/snapshot.ts';
import { diffSorted, formatTracks } from '../src/observe/track-ranges.ts';
import { plant } from '../properties/harness/planted.ts';
import { newContext } from '../src/trace/context.ts';
import { runTrace } from '../src/trace/runner.ts';

const root = join(import.meta.dirname, '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

function at(t: TraceSnapshots, line: number): StepSnapshot {
  const s = t.steps.find((x) => x.line === line);
  if (!s) throw new Error(`no step at line ${line}`);
  return s;
}

function bits(s: StepSnapshot, pair: string, name: string): readonly number[] | undefined {
  return s.pairs.find((p) => p.id === pair)?.bitmaps.find((b) => b.name === name)?.set;
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('replay: observeTrace', () => {
  it('local copy: division: transitions, bitmaps and the copy pointer of examples/06', () => {
    const t = observeTrace(read('examples/06-local-pair-division.jsonl'), '06');
    expect(t.exitCode).toBe(0);
    expect(t.header?.name).toBe('local pair: division and extent update');

    const created = at(t, 9);
    expect(created.pairs).toEqual([
      expect.objectContaining({ id: 'P', kind: 'local', machine: 'localPair', state: 'generating', from: 'S:ORIG', to: 'S:COPY', extents: null }),
    ]);
    expect(bits(created, 'P', 'gen')).toEqual(range(0, 15));
    expect(created.processes).toEqual([{ name: 'P', kind: 'generation', position: 0, end: 16 }]);

    const settled = at(t, 12);
    expect(settled.transitions).toEqual([
      { machine: 'localPair', actor: 'P', from: 'generating', to: 'generated', event: 'GENERATION_COPY_DONE', edge: 'generating|GENERATION_COPY_DONE|generated' },
    ]);
    expect(bits(settled, 'P', 'gen')).toEqual([]);
    expect(settled.processes).toEqual([]);

    expect(bits(at(t, 15), 'P', 'gen')).toEqual([3]); // a write while generated records track 3

    const divided = at(t, 16);
    expect(divided.transitions.map((x) => `${x.from}>${x.to}`)).toEqual(['generated>dividing']);
    expect(divided.processes).toEqual([{ name: 'P', kind: 'division', position: 0, end: 16 }]);

    const racing = at(t, 21); // LC-W-3: copy-before-write moves the bit from gen to div
    expect(bits(racing, 'P', 'gen')).toEqual([]);
    expect(bits(racing, 'P', 'div')).toEqual([3]);

    const update = at(t, 30);
    expect(update.processes).toEqual([{ name: 'P', kind: 'extentUpdate', position: 2, end: 5 }]);
    expect(bits(at(t, 31), 'P', 'div')).toEqual([10]);

    expect(at(t, 36).pairs).toEqual([]);
    for (const s of t.steps) expect(s.violations).toEqual([]);
    for (const s of t.steps) for (const v of s.volumes) expect(v.differing, `line ${s.line} ${v.key}`).toEqual([]);
  });

  it('remote copy: takeover: pointer moves of the copy of A into B in examples/12', () => {
    const t = observeTrace(read('examples/12-fifth-embodiment-takeover.jsonl'), '12');
    expect(t.exitCode).toBe(0);

    const a = at(t, 17);
    expect(a.transitions).toEqual([expect.objectContaining({ machine: 'remotePair', actor: 'A', from: 'simplex', to: 'copying', event: 'PAIR_CREATE' })]);
    expect(a.pairs[0]).toMatchObject({ id: 'A', kind: 'remote', from: 'S:DB', to: 'T:DB', extents: [[0, 2]] });
    expect(bits(a, 'A', 'difference')).toEqual([0, 1, 2]);
    expect(a.processes).toEqual([{ name: 'A', kind: 'remoteCopy', position: 0, end: 3 }]);

    expect(bits(at(t, 29), 'A', 'difference')).toEqual([1]); // suspended by the path: the write is recorded

    const takeover = at(t, 41);
    expect(takeover.transitions.map((x) => `${x.actor}:${x.from}>${x.to}`)).toEqual(['A:duplex>takingOver', 'B:duplex>takenOver']);
    expect(bits(takeover, 'A', 'takeoverPending')).toEqual([0, 1, 2, 5, 6, 9, 10]);
    expect(takeover.processes).toEqual([{ name: 'A', kind: 'takeoverCopy', position: 0, end: 11 }]);
    expect(takeover.volumes.map((v) => v.key)).toEqual(['S:DB', 'T:DB']); // B-T was merged into DB
    expect(takeover.volumes[0]).toEqual({ key: 'S:DB', tracks: 16, trackBytes: 65536, tracked: false, differing: [], onFailedSystem: true }); // S has failed: listed, not read

    const stepped = at(t, 49);
    expect(stepped.transitions).toEqual([]);
    expect(stepped.processes).toEqual([{ name: 'A', kind: 'takeoverCopy', position: 2, end: 11 }]);
    expect(bits(stepped, 'A', 'takeoverPending')).toEqual([2, 5, 6, 9, 10]);

    const done = at(t, 51);
    expect(done.transitions.map((x) => x.event)).toEqual(['TAKEOVER_COPY_DONE']);
    expect(done.processes).toEqual([]);
  });

  it('a host write that makes a copy differ: a migration target written above the pointer (literal MG-E-1) shows differing tracks', () => {
    const trace = (variant: string) =>
      [
        `{"trace": 1, "variant": "${variant}"}`,
        '{"op":"system","id":"O","ldevBytes":16384,"raidGroups":[{"id":"RG","level":"raid1","devices":2,"deviceBytes":196608}]}',
        '{"op":"system","id":"N","ldevBytes":16384,"raidGroups":[{"id":"RG","level":"raid1","devices":2,"deviceBytes":196608}]}',
        '{"op":"link","between":["O","N"]}',
        '{"op":"volume","system":"O","id":"SRC","emulation":"OPEN-V","bytes":53248,"trackBytes":4096}',
        '{"op":"volume","system":"N","id":"TGT","emulation":"OPEN-V","bytes":53248,"trackBytes":4096}',
        '{"op":"write","system":"O","volume":"SRC","offset":8192,"data":{"fill":1,"length":8192}}',
        '{"op":"pairCreate","id":"M1","kind":"migration","source":"O:SRC","target":"N:TGT","extents":[[0,3]]}',
        '{"op":"write","system":"N","volume":"TGT","offset":12288,"data":{"fill":2,"length":10}}',
        '{"op":"settle"}',
      ].join('\n');
    const literal = observeTrace(trace('literal'), 'inline');
    expect(literal.exitCode).toBe(0);
    expect(at(literal, 8).volumes.find((v) => v.key === 'N:TGT')).toEqual({ key: 'N:TGT', tracks: 13, trackBytes: 4096, tracked: true, differing: [] });
    const written = at(literal, 9);
    expect(written.volumes.find((v) => v.key === 'N:TGT')?.differing).toEqual([3]);
    expect(written.violations.some((v) => v.startsWith('MG-INV-1: '))).toBe(true);
    expect(at(literal, 10).volumes.find((v) => v.key === 'N:TGT')?.differing).toEqual([3]); // the copy overwrote the write
    const story = narrate(literal).join('\n');
    expect(story).toContain('volume N:TGT differs from what the host wrote on track 3 (newly 3)');
    expect(story).toContain('FIRST INVARIANT BROKEN: MG-INV-1');

    const corrected = observeTrace(trace('corrected'), 'inline');
    for (const s of corrected.steps) for (const v of s.volumes) expect(v.differing).toEqual([]);
    for (const s of corrected.steps) expect(s.violations).toEqual([]);
  });

  it('an invalid trace: exit 2 and one step carrying the TRACE_INVALID result', () => {
    const t = observeTrace('{"trace": 1}\n{"op": "wirte"}\n', 'bad');
    expect(t.exitCode).toBe(2);
    expect(t.header).toBeNull();
    expect(t.steps).toHaveLength(1);
    expect(t.steps[0]!.result).toMatchObject({ line: 2, op: 'trace', ok: false, error: { code: 'TRACE_INVALID' } });
    const story = narrate(t);
    expect(story.at(-1)).toMatch(/^verdict: exit 2, invalid trace: line 2: unknown op "wirte"/);
    const said = story[story.indexOf('line 2  the trace itself') + 1];
    expect(said).toMatch(/^ {4}refused TRACE_INVALID: line 2: unknown op "wirte"/);
    expect(said).not.toContain('as expected'); // nothing expected an invalid trace
  });

  it('observing changes nothing: every example and regression gives the results and exit code of run', () => {
    const files = [
      ...readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.jsonl')).map((f) => `examples/${f}`),
      ...readdirSync(join(root, 'properties/regressions')).filter((f) => f.endsWith('.jsonl')).map((f) => `properties/regressions/${f}`),
    ];
    for (const f of files) {
      const text = read(f);
      const run = runTrace(text);
      const observed = observeTrace(text, f);
      expect(observed.steps.map((s) => s.result), f).toEqual(run.results);
      expect(observed.exitCode, f).toBe(run.exitCode);
    }
  });

  it('looking at the invariants leaves violations found at a takeover for the next check (RC-INV-5)', () => {
    const ctx = newContext('corrected');
    const queue = (ctx.remoteCopyReference as unknown as { atTakeover: Array<{ invariant: string; message: string }> }).atTakeover;
    queue.push({ invariant: 'RC-INV-5', message: 'planted' });
    expect(invariantViolations(ctx)).toEqual(['RC-INV-5: planted']);
    expect(invariantViolations(ctx)).toEqual(['RC-INV-5: planted']);
    expect(queue).toHaveLength(1);
  });
});

describe('replay: systems, paths, partial volumes and local extents', () => {
  const story = (t: TraceSnapshots, line: number): string[] => {
    const lines = narrate(t);
    const i = lines.findIndex((x) => x.startsWith(`line ${line}  `));
    return lines.slice(i + 1, lines.indexOf('', i));
  };

  it('examples/09: a path down and up, a refused link adds none, a failed system keeps its volumes listed', () => {
    const t = observeTrace(read('examples/09-sites-and-disaster.jsonl'), '09');
    const path = (up: boolean) => [{ between: ['PRIMARY', 'SECONDARY'], up }];
    expect(at(t, 6).links).toEqual([]);
    expect(at(t, 7).links).toEqual(path(true));
    expect(at(t, 10).links).toEqual(path(true)); // three refused link steps define nothing
    expect(at(t, 11).links).toEqual(path(false));
    expect(at(t, 13).links).toEqual(path(true));
    expect(at(t, 17).systems?.map((s) => [s.id, s.failed])).toEqual([['PRIMARY', false], ['SECONDARY', false]]);
    const failed = at(t, 18);
    expect(failed.systems?.map((s) => [s.id, s.failed])).toEqual([['PRIMARY', true], ['SECONDARY', false]]);
    expect(failed.systems?.[0]?.raidGroups).toEqual([{ id: 'RG', level: 'raid5', devices: 4, survives: 1, failed: [], rebuilding: [] }]);
    expect(failed.links).toEqual(path(true)); // the path stays; it leads to a failed system
    for (const s of t.steps.filter((x) => x.line >= 18)) {
      expect(s.volumes.filter((v) => v.key.startsWith('PRIMARY:')), `line ${s.line}`).toEqual([
        { key: 'PRIMARY:DB', tracks: 4, trackBytes: 65536, tracked: false, differing: [], onFailedSystem: true },
        { key: 'PRIMARY:DB2', tracks: 4, trackBytes: 65536, tracked: false, differing: [], onFailedSystem: true },
      ]);
    }
    expect(story(t, 11)).toContain('    path PRIMARY – SECONDARY is DOWN');
    expect(story(t, 12).some((x) => x.includes('path PRIMARY – SECONDARY is'))).toBe(false); // refused: nothing changed
    expect(story(t, 13)).toContain('    path PRIMARY – SECONDARY is up again');
    expect(story(t, 18)).toContain('    system PRIMARY has FAILED (SYS-5): its volumes PRIMARY:DB, PRIMARY:DB2 stay listed, no longer readable');
    expect(story(t, 18).some((x) => x.includes('volume PRIMARY:DB'))).toBe(false); // said once, with the system
    expect(narrate(t).filter((x) => x.includes('has FAILED'))).toHaveLength(1);
  });

  it('examples/11 and 12: a partial target maps the area\'s tracks, as volumeInfo says, until the takeover maps them all', () => {
    const rc = observeTrace(read('examples/11-takeover-extension.jsonl'), '11');
    const info = at(rc, 13).result; // volumeInfo in bytes: [[524288, 786431]] of 65536-byte tracks
    expect(info.mapped).toEqual([[524288, 786431]]);
    expect(at(rc, 12).volumes.find((v) => v.key === 'T:DB')).toEqual({ key: 'T:DB', tracks: 16, trackBytes: 65536, tracked: false, differing: [], mapped: [[8, 11]] });
    expect(at(rc, 18).volumes.find((v) => v.key === 'T:DB')?.mapped).toEqual([[8, 11]]); // S failed, no takeover yet
    const extended = at(rc, 20).volumes.find((v) => v.key === 'T:DB');
    expect(extended).toMatchObject({ tracks: 16, tracked: true, differing: [] });
    expect(extended?.mapped).toBeUndefined();
    expect(at(rc, 12).volumes.find((v) => v.key === 'S:DB')?.mapped).toBeUndefined();

    const fifth = observeTrace(read('examples/12-fifth-embodiment-takeover.jsonl'), '12');
    expect(at(fifth, 17).volumes.find((v) => v.key === 'T:DB')?.mapped).toEqual([[0, 2]]);
    expect(at(fifth, 18).volumes.find((v) => v.key === 'T:B-T')?.mapped).toEqual([[5, 6], [9, 10]]);
    expect(at(fifth, 41).volumes.find((v) => v.key === 'T:DB')?.mapped).toBeUndefined();
  });

  it('examples/07 and 06: a local pair\'s divided extents and extents being updated', () => {
    const t = observeTrace(read('examples/07-extent-division-and-couple.jsonl'), '07');
    const pair = (line: number) => at(t, line).pairs.find((p) => p.id === 'P');
    expect(pair(10)).toMatchObject({ dividedExtents: [], updateExtents: [] });
    expect(pair(11)?.dividedExtents).toEqual([[2, 3], [10, 10]]);
    expect(pair(16)?.dividedExtents).toEqual([[2, 3], [10, 10]]); // extentDivided
    expect(pair(23)?.dividedExtents).toEqual([]); // coupled again
    expect(pair(25)?.dividedExtents).toEqual([[2, 5]]);
    const update = observeTrace(read('examples/06-local-pair-division.jsonl'), '06');
    expect(at(update, 30).pairs[0]?.updateExtents).toEqual([[2, 4]]);
    expect(at(update, 31).pairs[0]?.updateExtents).toEqual([]);
    expect(at(observeTrace(read('examples/12-fifth-embodiment-takeover.jsonl'), '12'), 17).pairs[0]).not.toHaveProperty('dividedExtents');
  });

  it('examples/03: a device fails, is replaced, is rebuilt step by step', () => {
    const t = observeTrace(read('examples/03-raid5-degraded-and-rebuild.jsonl'), '03');
    const group = (line: number) => at(t, line).systems?.[0]?.raidGroups[0];
    expect(group(7)).toEqual({ id: 'RG', level: 'raid5', devices: 4, survives: 1, failed: [], rebuilding: [] });
    expect(group(8)).toMatchObject({ failed: [1], rebuilding: [] });
    expect(group(11)).toMatchObject({ failed: [1], rebuilding: [] }); // refused: still failed
    expect(group(12)).toMatchObject({ failed: [], rebuilding: [{ device: 1, done: 0, total: 4 }] });
    expect(group(13)).toMatchObject({ failed: [], rebuilding: [{ device: 1, done: 1, total: 4 }] });
    expect(group(16)).toMatchObject({ failed: [], rebuilding: [] });
    expect(story(t, 8)).toContain('    S:RG device 1 failed: raid5 group degraded: 1 of 4 devices failed (the level survives 1 failed device)');
    expect(story(t, 11).some((x) => x.includes('device 1 failed'))).toBe(false);
    expect(story(t, 12)).toContain('    S:RG device 1 replaced, its rebuild started: raid5 group degraded: device 1 rebuilding (0 of 4 units) (the level survives 1 failed device)');
    expect(story(t, 13).some((x) => x.startsWith('    S:RG device'))).toBe(false); // still rebuilding: nothing new to say
    expect(story(t, 16)).toContain('    S:RG device 1 rebuilt: raid5 group redundant again, all 4 devices healthy');

    const lost = narrate(observeTrace(read('examples/04-raid6-beyond-redundancy.jsonl'), '04'));
    expect(lost).toContain('    S:RG device 5 failed: raid6 group beyond redundancy, data lost: 3 of 6 devices failed (the level survives 2 failed devices)');
  });
});

describe('replay: narrate', () => {
  const lcE1 = read('properties/regressions/lc-e-1-divide-while-generating.jsonl');

  it('LC-E-1 as written (literal): the header, the transitions and the second copy loop', () => {
    const story = narrate(observeTrace(lcE1, 'lc-e-1'));
    expect(story[0]).toBe('replay of lc-e-1');
    expect(story).toContain('trace: LC-E-1: division during the generation copy');
    expect(story).toContain('variant: literal');
    expect(story).toContain('fast-check replay: seed 1, path 15:0:0:0:1:0:0:0:1:1:1:0:0:0:0:0:0:0:1');
    expect(story).toContain('line 11  pairDivide P1');
    expect(story).toContain('    P1 (localPair): generating → dividing on PAIR_DIVIDE [generating|PAIR_DIVIDE|dividing]');
    expect(story).toContain('    P1 division copy started: pointer at 0, end 9');
    expect(story).toContain('    P1 gen bitmap: set 0–8 (9 of 9 set now)');
    expect(story).toContain('line 9  write S:ORIG bytes 0..511 (fill 1)');
    expect(story.at(-1)).toBe('verdict: exit 0, every step ran and every expectation held');
  });

  it('LC-E-1 run as corrected: the division takes the generation copy over, and the literal expectation fails at its line', () => {
    const corrected = lcE1.replace('"variant":"literal"', '"variant":"corrected"');
    expect(corrected).not.toBe(lcE1);
    const story = narrate(observeTrace(corrected, 'lc-e-1 corrected'));
    expect(story).toContain('variant: corrected');
    expect(story).toContain('    P1 generation copy ended (its pointer was at 0 before this step, end 9)');
    const i = story.indexOf('line 13  status of P1 expecting {"processes":[{"kind":"generation","position":0},{"kind":"division","position":0}]}');
    expect(i).toBeGreaterThan(0);
    expect(story[i + 1]).toBe('    EXPECTATION FAILED: processes: expected 2 items, got 1');
    expect(story.at(-1)).toBe('verdict: exit 1, an expectation failed at line 13');
  });

  it('refusals, expected and not', () => {
    const text = [
      '{"trace": 1}',
      '{"op":"system","id":"S","ldevBytes":512,"raidGroups":[{"id":"RG","level":"raid1","devices":2,"deviceBytes":8192}]}',
      '{"op":"pairDivide","pair":"P","expectError":"NOT_FOUND"}',
      '{"op":"pairDelete","pair":"P"}',
    ].join('\n');
    const story = narrate(observeTrace(text, 'inline'));
    expect(story).toContain('line 3  pairDivide P (expects refusal NOT_FOUND)');
    expect(story).toContain('    refused NOT_FOUND: no pair P (as expected)');
    expect(story).toContain('    EXPECTATION FAILED: refused with NOT_FOUND (refused NOT_FOUND: no pair P)');
    expect(story.at(-1)).toBe('verdict: exit 1, an expectation failed at line 4');
  });
});

describe('replay: volumes the checker does not compare', () => {
  /** A division whose copy-before-write is skipped (planted): the copy's track 5 ends wrong (LC-INV-1). */
  const skippedCopyBeforeWrite = [
    '{"trace":1}',
    '{"op":"system","id":"S","ldevBytes":65536,"raidGroups":[{"id":"RG","level":"raid5","devices":4,"deviceBytes":1048576}]}',
    '{"op":"volume","system":"S","id":"ORIG","emulation":"OPEN-V","bytes":131072,"trackBytes":8192}',
    '{"op":"volume","system":"S","id":"COPY","emulation":"OPEN-V","bytes":131072,"trackBytes":8192}',
    '{"op":"write","system":"S","volume":"ORIG","offset":0,"data":{"fill":65,"length":131072}}',
    '{"op":"pairCreate","id":"P","kind":"local","original":"S:ORIG","copy":"S:COPY"}',
    '{"op":"settle"}',
    '{"op":"write","system":"S","volume":"ORIG","offset":40960,"data":{"text":"BEFORE"}}',
    '{"op":"pairDivide","pair":"P"}',
    '{"op":"write","system":"S","volume":"ORIG","offset":40960,"data":{"text":"AFTER!"}}',
    '{"op":"settle"}',
  ].join('\n');

  it('a local copy volume is marked not compared, and a failing LC-INV-1 counterexample never says the copy matches', () => {
    const undo = plant('lc-skip-copy-before-write');
    let t: TraceSnapshots;
    try {
      t = observeTrace(skippedCopyBeforeWrite, 'planted');
    } finally {
      undo();
    }
    expect(at(t, 4).volumes.find((v) => v.key === 'S:COPY')).toMatchObject({ tracked: true, differing: [] }); // no pair yet
    for (const s of t.steps.filter((x) => x.line >= 6)) {
      expect(s.volumes.find((v) => v.key === 'S:COPY'), `line ${s.line}`).toEqual({ key: 'S:COPY', tracks: 16, trackBytes: 8192, tracked: false, differing: [] });
      expect(s.volumes.find((v) => v.key === 'S:ORIG')?.tracked).toBe(true);
    }
    expect(at(t, 11).violations).toEqual(['LC-INV-1: pair P (divided): copy track 5 byte 0 is not the original\'s at the request']);
    const story = narrate(t);
    expect(story).toContain('    volume S:COPY is not compared with what the host wrote: its bytes come from pair P (S:ORIG → S:COPY) now, whose own invariants judge it');
    expect(story.filter((x) => x.includes('S:COPY shows') || x.includes('S:COPY matches'))).toEqual([]);
  });

  it('a remote target is not compared before the takeover and is compared again after it (examples/12)', () => {
    const t = observeTrace(read('examples/12-fifth-embodiment-takeover.jsonl'), '12');
    expect(at(t, 17).volumes.find((v) => v.key === 'T:DB')?.tracked).toBe(false);
    expect(at(t, 41).volumes.find((v) => v.key === 'T:DB')?.tracked).toBe(true);
    const story = narrate(t);
    expect(story).toContain('    volume T:DB is not compared with what the host wrote: its bytes come from pair A (S:DB → T:DB) now, whose own invariants judge it');
    const i = story.indexOf('line 41  takeover A');
    expect(i).toBeGreaterThan(0);
    expect(story.slice(i, story.indexOf('', i))).toContain('    volume T:DB is compared with what the host wrote again');
  });
});

describe('replay: tracks copied', () => {
  it('a copy process: the tracks whose scanned bits it cleared between its pointers, or none', () => {
    const story = narrate(observeTrace(read('examples/06-local-pair-division.jsonl'), '06'));
    const after = (line: string) => story.slice(story.indexOf(line) + 1, story.findIndex((x, i) => i > story.indexOf(line) && x === ''));
    expect(after('line 12  settle (run every background process to completion)')).toContain(
      '    P copied tracks 0–15 (generation copy, pointer 0 → end 16; inferred from the gen bits it cleared)',
    );
    expect(after('line 23  settle (run every background process to completion)')).toContain(
      '    P copied no track (division copy, pointer 0 → end 16: no gen bit was left to copy there)',
    );
    expect(after('line 31  settle (run every background process to completion)')).toContain(
      '    P copied track 3 (extent update copy, pointer 2 → end 5; inferred from the div bits it cleared)',
    );
    expect(after('line 12  settle (run every background process to completion)').some((x) => x.includes('copy-before-write'))).toBe(false);

    const takeover = narrate(observeTrace(read('examples/12-fifth-embodiment-takeover.jsonl'), '12'));
    expect(takeover).toContain('    A copied tracks 0–1 (takeover copy of A into B, pointer 0 → 2; inferred from the takeoverPending bits it cleared)');
    const migration = narrate(observeTrace(read('examples/13-migratory-copy.jsonl'), '13'));
    expect(migration).toContain('    M copied tracks 2–3 (migratory copy, pointer 2 → 4; inferred from the pending bits it cleared)');
  });

  it('a host write that makes the pair copy the old track first says so, from the write\'s plan', () => {
    const story = narrate(observeTrace(read('examples/06-local-pair-division.jsonl'), '06'));
    const i = story.indexOf('line 21  write S:ORIG bytes 24576..24587 (text "AFTER--SPLIT")');
    expect(story.slice(i, i + 6)).toContain(
      '    P copy-before-write: track 3 of S:ORIG copied to S:COPY before the host write (gen 3 cleared; div 3 set)',
    );
    expect(story.slice(i, i + 6).filter((x) => x.includes('copy-before-write'))).toHaveLength(1);
    const j = story.indexOf('line 15  write S:ORIG bytes 24576..24587 (text "BEFORE-SPLIT")'); // generated: the write only sets a bit
    expect(story.slice(j, j + 4).some((x) => x.includes('copy-before-write'))).toBe(false);
    expect(story.slice(j, j + 4)).toContain('    P records the write in its bitmaps (gen 3 set); nothing copied before it');
  });

  it('a remote pair, a migration and a takeover: what the write sent, recorded, fetched and where it went', () => {
    const remote = narrate(observeTrace(read('examples/12-fifth-embodiment-takeover.jsonl'), '12'));
    expect(remote).toContain('    A records track 1 in its difference bitmap; not sent now');
    expect(remote).toContain('    the takeover copy routes the write (RC-T-4): track 5 to T:B-T');
    expect(narrate(observeTrace(read('examples/11-takeover-extension.jsonl'), '11'))).toContain('    RC sends track 8 of S:DB to T:DB before the write is acknowledged');
    const migration = narrate(observeTrace(read('examples/13-migratory-copy.jsonl'), '13'));
    expect(migration).toContain('    M fetches track 6 whole from OLD:V first, so the part not written is not lost');
    expect(migration).toContain('    M: track 6 of NEW:V migrated by the write (no longer pending)');
    const t = observeTrace(read('examples/06-local-pair-division.jsonl'), '06');
    expect(t.steps.filter((x) => x.step.op !== 'write').every((x) => x.writePlan === undefined)).toBe(true);
  });
});

describe('replay: a failed read expectation', () => {
  const readTrace = (expect: string) =>
    [
      '{"trace":1}',
      '{"op":"system","id":"S","ldevBytes":65536,"raidGroups":[{"id":"RG","level":"raid1","devices":2,"deviceBytes":262144}]}',
      '{"op":"volume","system":"S","id":"V","emulation":"OPEN-V","bytes":65536,"trackBytes":4096}',
      '{"op":"write","system":"S","volume":"V","offset":2560,"data":{"fill":1,"length":511}}',
      `{"op":"read","system":"S","volume":"V","offset":2560,"length":512,"expect":${expect}}`,
    ].join('\n');

  it('says the first differing byte, both values and its volume offset (fill, hex, text)', () => {
    const fill = observeTrace(readTrace('{"fill":1,"length":512}'), 'fill');
    expect(fill.exitCode).toBe(1);
    expect(at(fill, 5).readMismatch).toBe('byte 511 of the read (volume offset 3071): got 0x00, expected 0x01');
    expect(narrate(fill)).toContain(
      `    EXPECTATION FAILED: read bytes (sha256 ${String(at(fill, 5).result.sha256)}) do not match the expected data: byte 511 of the read (volume offset 3071): got 0x00, expected 0x01`,
    );
    const hex = observeTrace(readTrace(`{"hex":"${'01'.repeat(510)}0200"}`), 'hex');
    expect(at(hex, 5).readMismatch).toBe('byte 510 of the read (volume offset 3070): got 0x01, expected 0x02');
    const text = observeTrace(readTrace('{"text":"AB"}'), 'text');
    expect(at(text, 5).readMismatch).toBe('byte 0 of the read (volume offset 2560): got 0x01, expected 0x41; the read returned 512 bytes, the expectation has 2');
  });

  it('no detail for a digest, nor for a read that held', () => {
    const digest = observeTrace(readTrace(`{"sha256":"${'0'.repeat(64)}"}`), 'sha');
    expect(digest.exitCode).toBe(1);
    expect(at(digest, 5).readMismatch).toBeUndefined();
    const held = observeTrace(readTrace(`{"hex":"${'01'.repeat(511)}00"}`), 'held');
    expect(held.exitCode).toBe(0);
    expect(at(held, 5).readMismatch).toBeUndefined();
  });
});

describe('replay: the command', () => {
  it('prints the narrative, writes the snapshots as JSON and returns the exit code', async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'replay-')), 'snapshots.json');
    const { result: code, printed } = await captureStdout(() => replayCommand(join(root, 'properties/regressions/lc-e-1-divide-while-generating.jsonl'), { json }));
    expect(code).toBe(0);
    expect(printed).toContain('line 11  pairDivide P1\n');
    const saved = JSON.parse(readFileSync(json, 'utf8')) as TraceSnapshots;
    expect(saved.exitCode).toBe(0);
    expect(saved.steps.map((s) => s.line)).toEqual([6, 7, 8, 9, 10, 11, 13]);
  });
});

describe('replay: track lists', () => {
  it('runs, differences and a cap on long lists', () => {
    expect(formatTracks([])).toBe('none');
    expect(formatTracks([0, 1, 2, 5, 7, 8])).toBe('0–2, 5, 7–8');
    expect(formatTracks(range(0, 19).map((x) => 3 * x), 3)).toBe('0, 3, 6, … (17 more runs; 20 tracks in all)');
    expect(diffSorted([0, 1, 2, 9], [2, 3, 4, 9])).toEqual({ added: [3, 4], removed: [0, 1] });
  });
});
