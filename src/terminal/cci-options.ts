/**
 * TERM-T-2: the options each maintenance-terminal command takes. Anything else is a usage
 * error (exit 2) that changes nothing: an option the model does not have is never ignored,
 * and CCI's own options the model has no request for are named with why.
 */
import type { Args } from './cci-args.ts';

interface OptionSpec {
  /** Options that take a value. */
  readonly values: readonly string[];
  /** Options without a value. */
  readonly flags: readonly string[];
  /** Words besides the options (a pair or system name given bare). */
  readonly words: number;
}

const PAIR = ['d', 'g'];

export const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  paircreate: { values: ['d', 'g', 'pvol', 'svol', 'remote', 'e', 'f', 'a'], flags: ['migrate'], words: 1 },
  pairsplit: { values: [...PAIR, 'e'], flags: ['S', 'E'], words: 1 },
  pairresync: { values: PAIR, flags: [], words: 1 },
  pairdisplay: { values: PAIR, flags: ['fc', 'json', 'l'], words: 1 },
  pairevtwait: { values: [...PAIR, 's', 't', 'tracks'], flags: [], words: 1 },
  pairvolchk: { values: PAIR, flags: ['ss', 'c'], words: 1 },
  horctakeover: { values: ['d'], flags: ['noextend'], words: 1 },
  raidscan: { values: ['s'], flags: [], words: 1 },
  mdstat: { values: [], flags: [], words: 1 },
};

/** CCI options with no request in the model, and why (spec/glossary.md). */
const CCI_ONLY: Readonly<Record<string, string>> = {
  swaps: 'a reverse resync (swap) is not in the model yet',
  restore: 'a reverse resync (restore from the S-VOL) is not in the model yet',
  R: 'pairs are deleted from the P-VOL side: pairsplit -S',
  split: 'create the pair, then pairsplit',
  nocopy: 'every pair copies its area (the generation copy)',
  vl: 'name the volumes with -pvol and -svol',
  vr: 'name the volumes with -pvol and -svol',
  nomsg: 'answers are always printed',
};

/** Every option without a value, for the parser (so it never takes the next word as its value). */
export const FLAG_OPTIONS: ReadonlySet<string> = new Set([...Object.values(OPTIONS).flatMap((o) => o.flags), ...Object.keys(CCI_ONLY)]);

/** Why the command line is not one the command takes, or null. */
export function badOptions(a: Args): string | null {
  const spec = OPTIONS[a.command];
  if (!spec) return null;
  for (const [name, value] of a.options) {
    if (CCI_ONLY[name] !== undefined) return `${a.command}: option -${name} is CCI's, not the model's: ${CCI_ONLY[name]}`;
    if (spec.flags.includes(name)) continue;
    if (!spec.values.includes(name)) return `${a.command}: unknown option -${name} (it takes ${[...spec.values, ...spec.flags].map((o) => `-${o}`).join(' ') || 'no options'})`;
    if (value === true) return `${a.command}: option -${name} needs a value`;
  }
  // A bare word names the pair (or system) only where no option did.
  const named = a.options.has('d') || a.options.has('g') || (a.command === 'raidscan' && a.options.has('s'));
  const words = named ? 0 : spec.words;
  if (a.words.length > words) return `${a.command}: unexpected ${a.words.slice(words).map((w) => `"${w}"`).join(' ')}`;
  if (a.command !== 'paircreate' && a.options.has('d') && a.options.has('g')) return `${a.command}: give -d PAIR or -g GROUP, not both`;
  return null;
}
