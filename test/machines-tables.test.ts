import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AnyStateMachine, createActor } from 'xstate';
import { migrationPairMachine } from '../machines/migration-pair.machine.ts';
import { relocationMachine } from '../machines/relocation.machine.ts';
import { remotePairMachine } from '../machines/remote-pair.machine.ts';
import { machineTransitions, type TransitionRow } from '../machines/graph.ts';
import { rulesOf } from '../src/spec-tools/build-rules.ts';

const root = join(import.meta.dirname, '..');
const key = (r: TransitionRow) => `${r.source} --${r.event}[${r.guard ?? ''}]--> ${r.target} (${r.rule})`;

function agree(name: string, machine: AnyStateMachine, tableFile: string, ruleSpec: string): void {
  const table = JSON.parse(readFileSync(join(root, tableFile), 'utf8')) as { initial: string; states: string[]; transitions: TransitionRow[] };
  describe(`${name}: the machine and ${tableFile} agree (${ruleSpec})`, () => {
    it('same states and initial state', () => {
      expect(Object.keys(machine.root.states)).toEqual(table.states);
      expect(machine.config.initial).toBe(table.initial);
    });

    it('every transition of the machine is in the table, and every row of the table is in the machine', () => {
      expect(machineTransitions(machine).map(key).sort()).toEqual(table.transitions.map(key).sort());
    });

    it('every transition names a rule of the spec and a seed step', () => {
      const rules = new Set(rulesOf(root).map((r) => r.id));
      for (const t of table.transitions) {
        expect(rules.has(t.rule), `${key(t)}: unknown rule`).toBe(true);
        expect(t.seed.length, `${key(t)}: no seed step`).toBeGreaterThan(0);
      }
    });
  });
}

agree('remote pair', remotePairMachine, 'spec/remote-copy.table.json', 'RC-R-0');
agree('migration pair', migrationPairMachine, 'spec/migration.table.json', 'MG-R-0');
agree('relocation', relocationMachine, 'spec/placement.table.json', 'PL-R-2');

describe('remote pair: requests the table does not list are refused (RC-R-0)', () => {
  it('in copying, takeover is not accepted (the target holds no consistent image: RC-T-1)', () => {
    const actor = createActor(remotePairMachine, { input: { fence: 'never' } }).start();
    actor.send({ type: 'PAIR_CREATE' });
    expect(actor.getSnapshot().can({ type: 'TAKEOVER', copiesToB: false })).toBe(false);
    expect(actor.getSnapshot().can({ type: 'PAIR_RESYNC' })).toBe(false);
  });

  it('a data-fence pair does not suspend on a path failure (RC-W-6); a never-fence pair does (RC-F-1)', () => {
    for (const fence of ['never', 'data'] as const) {
      const actor = createActor(remotePairMachine, { input: { fence } }).start();
      actor.send({ type: 'PAIR_CREATE' });
      actor.send({ type: 'COPY_DONE' });
      actor.send({ type: 'LINK_DOWN' });
      expect(actor.getSnapshot().value).toBe(fence === 'never' ? 'suspended' : 'duplex');
    }
  });

  it('suspended before the copy completed: no takeover; suspended from duplex: takeover (RC-T-1)', () => {
    const early = createActor(remotePairMachine, { input: { fence: 'never' } }).start();
    early.send({ type: 'PAIR_CREATE' });
    early.send({ type: 'PAIR_SUSPEND' });
    expect(early.getSnapshot().can({ type: 'TAKEOVER', copiesToB: false })).toBe(false);
    const late = createActor(remotePairMachine, { input: { fence: 'never' } }).start();
    for (const type of ['PAIR_CREATE', 'COPY_DONE', 'PAIR_SUSPEND'] as const) late.send({ type });
    expect(late.getSnapshot().can({ type: 'TAKEOVER', copiesToB: true })).toBe(true);
  });
});
