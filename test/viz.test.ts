import { describe, expect, it } from 'vitest';
import { MACHINES } from '../machines/registry.ts';
import { machineGraph, type MachineEdge } from '../machines/graph.ts';
import { edgeDomId, machineDot } from '../src/viz/dot.ts';
import { machineMermaid, mermaidLabel } from '../src/viz/mermaid.ts';
import { embeddedChartsOutOfDate } from '../src/viz/spec-embed.ts';
import { machineSvg } from '../src/viz/svg.ts';

const ids = Object.keys(MACHINES);
/** A rule ID of spec/ (`LC-R-6`, `RC-T-3`, `CG-F-1`). */
const SPEC_ID = /\b[A-Z]{2}-[A-Z]+-\d+\b/;
const xmlDecoded = (text: string) => text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const graphOf = (id: string) => machineGraph(MACHINES[id]!);

describe('state charts: Mermaid', () => {
  it.each(ids)('%s: every state and every transition is drawn, each transition line with one colon', (id) => {
    const text = machineMermaid(id);
    const lines = text.split('\n');
    expect(lines[0]).toBe('stateDiagram-v2');
    const { states, edges } = graphOf(id);
    for (const s of states) expect(text).toMatch(new RegExp(`(^|\\s)${s}(\\s|$)`, 'm'));
    for (const e of edges) {
      const source = e.source === '*' ? 'anyState' : e.source;
      expect(lines).toContain(`  ${source} --> ${e.target} : ${mermaidLabel(e)}`);
    }
    const transitions = lines.filter((l) => l.includes(' : '));
    expect(transitions).toHaveLength(edges.length);
    for (const l of transitions) expect(l.split(':')).toHaveLength(2);
  });

  it('localPair: the root transition PAIR_DELETE starts from the "any state" pseudo-state, and deleted is final', () => {
    const text = machineMermaid('localPair');
    expect(text).toContain('state "any state" as anyState');
    expect(text).toContain('anyState --> deleted : PAIR_DELETE · LC-R-6');
    expect(text).toContain('deleted --> [*]');
    expect(text).toContain('[*] --> generating');
  });

  it('a label keeps out the characters that end or escape a Mermaid description', () => {
    const edge: MachineEdge = { key: 'a|E|b[g]', source: 'a', event: 'E', target: 'b', guard: 'x:y;z#1%<2>', rule: 'R', seed: '' };
    const label = mermaidLabel(edge);
    expect(label).not.toMatch(/[:;#%<>]/);
    expect(label).toMatch(/^E \[x y z 1 2 ?\] · R$/);
  });
});

describe('state charts: DOT and SVG', () => {
  it.each(ids)('%s: with coverage, taken edges are solid green with their count and untaken ones dashed red', (id) => {
    const { edges } = graphOf(id);
    const taken = edges[0]!;
    const dot = machineDot(id, new Map([[taken.key, 7]]));
    const edgeLines = dot.split('\n').filter((l) => l.includes(' -> ') && !l.includes('__initial'));
    expect(edgeLines).toHaveLength(edges.length);
    for (const e of edges) {
      const line = edgeLines.find((l) => l.includes(`id="${edgeDomId(id, e.key)}"`));
      expect(line, e.key).toBeDefined();
      if (e === taken) {
        expect(line).toContain('class="taken"');
        expect(line).toContain('color=darkgreen');
        expect(line).toContain('(7×)');
      } else {
        expect(line).toContain('class="untaken"');
        expect(line).toContain('style=dashed');
        expect(line).toContain('color=red');
      }
    }
    expect(dot).toContain('rankdir=LR');
    expect(dot).toMatch(new RegExp(`"${taken.target}" \\[[^\\n]*fillcolor`));
  });

  it.each(ids)('%s: without coverage, the chart is plain black', (id) => {
    const dot = machineDot(id);
    expect(dot).not.toMatch(/class="|color=(red|darkgreen)|fillcolor|style=dashed,/);
    expect(dot).toMatch(/ -> /);
  });

  it.each(ids)('%s: renders to SVG showing every state, with each edge id and class', async (id) => {
    const { states, edges } = graphOf(id);
    const svg = await machineSvg(id, new Map(edges.map((e, i) => [e.key, i % 2])));
    expect(svg).toContain('<svg');
    for (const s of states) expect(svg).toContain(`>${s}</text>`);
    edges.forEach((e, i) => expect(svg).toContain(`<g id="${edgeDomId(id, e.key)}" class="edge ${i % 2 ? 'taken' : 'untaken'}">`));
  });

  it.each(ids)('%s: an arrow reads `EVENT [guard]` only; its rule and seed step are in its <title> tooltip and in the table (issue #15)', async (id) => {
    const { edges } = graphOf(id);
    const svg = await machineSvg(id, new Map(edges.map((e, i) => [e.key, i % 2])));
    const groups = new Map([...svg.matchAll(/<g id="([^"]+)" class="edge[^"]*">([\s\S]*?)<\/g>/g)].map((m) => [m[1]!, m[2]!]));
    for (const e of edges) {
      const group = groups.get(edgeDomId(id, e.key));
      expect(group, e.key).toBeDefined();
      const labels = [...group!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => xmlDecoded(m[1]!));
      expect(labels.join(' '), e.key).toMatch(new RegExp(`^${e.event}${e.guard ? ` \\[${e.guard}\\]` : ''}( \\(\\d+×\\))?$`));
      for (const l of labels) expect(l, e.key).not.toMatch(SPEC_ID);
      const title = xmlDecoded(/<title>([^<]*)<\/title>/.exec(group!)![1]!);
      expect(title, e.key).toContain(e.rule);
      expect(title, e.key).toContain(e.seed);
      expect(title, e.key).toMatch(SPEC_ID);
    }
    const table = xmlDecoded(svg.replace(/<g id="[^"]+" class="(edge|node)[^"]*">[\s\S]*?<\/g>/g, '')); // the graph's own label
    for (const e of edges) {
      expect(table, e.key).toContain(`>${e.rule}</text>`);
      expect(table, e.key).toContain(`>${e.event}</text>`);
    }
  });

  it('edge ids differ within every machine', () => {
    for (const id of ids) {
      const keys = graphOf(id).edges.map((e) => edgeDomId(id, e.key));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});

describe('state charts: embedded in spec/', () => {
  it('every spec chart matches its machine (regenerate with `npx tsx src/cli.ts viz --spec`)', () => {
    expect(embeddedChartsOutOfDate('spec')).toEqual([]);
  });
});
