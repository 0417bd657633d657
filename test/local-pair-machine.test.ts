import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { localPairMachine } from '../machines/local-pair.machine.ts';
import { machineTransitions, type TransitionRow } from '../machines/graph.ts';
import { rulesOf } from '../src/spec-tools/build-rules.ts';

const root = join(import.meta.dirname, '..');
const table = JSON.parse(readFileSync(join(root, 'spec/local-copy.table.json'), 'utf8')) as {
  initial: string;
  states: string[];
  transitions: TransitionRow[];
};
const key = (r: TransitionRow) => `${r.source} --${r.event}[${r.guard ?? ''}]--> ${r.target} (${r.rule})`;

describe('local pair: the machine and spec/local-copy.table.json agree (LC-R-0)', () => {
  it('same states and initial state', () => {
    expect(Object.keys(localPairMachine.root.states)).toEqual(table.states);
    expect(localPairMachine.config.initial).toBe(table.initial);
  });

  it('every transition of the machine is in the table, and every row of the table is in the machine', () => {
    const machine = machineTransitions(localPairMachine).map(key).sort();
    expect(machine).toEqual(table.transitions.map(key).sort());
  });

  it('every transition names a rule of spec/local-copy.md and a seed step', () => {
    const rules = new Set(rulesOf(root).map((r) => r.id));
    for (const t of table.transitions) {
      expect(rules.has(t.rule), `${key(t)}: unknown rule`).toBe(true);
      expect(t.seed.length, `${key(t)}: no seed step`).toBeGreaterThan(0);
    }
  });

  it('a request the table does not list for a state changes nothing (corrected variant)', () => {
    const requests = ['PAIR_DIVIDE', 'EXTENT_UPDATE', 'EXTENT_DIVIDE', 'EXTENT_COUPLE'] as const;
    for (const wholeVolume of [true, false]) {
      const actor = createActor(localPairMachine, { input: { wholeVolume, variant: 'corrected' } }).start();
      const snap = actor.getSnapshot();
      for (const type of requests) {
        const listed = table.transitions.some((t) => t.source === 'generating' && t.event === type);
        expect(snap.can({ type }), `${type} in generating`).toBe(listed);
      }
    }
  });
});
