import { readFileSync, writeFileSync } from 'node:fs';
import { machineTransitions } from '../machines/graph.ts';
import { remotePairMachine } from '../machines/remote-pair.machine.ts';
const f = 'spec/remote-copy.table.json';
const t = JSON.parse(readFileSync(f, 'utf8'));
t.states = Object.keys(remotePairMachine.root.states);
t.transitions = machineTransitions(remotePairMachine);
writeFileSync(f, JSON.stringify(t, null, 1) + '\n');
