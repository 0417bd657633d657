/**
 * What a conformance run compares between the model's result line and another
 * implementation's (spec/conformance.md, "What is compared"). Only what the trace contract
 * fixes and any implementation must agree on: acceptance, the refusal code, the bytes a read
 * returns, a pair's state, a volume's capacity, a VTOC's dataset names. Messages, copy
 * progress counters, LDEV numbers and placement details are the model's own and are not
 * compared.
 */
import { createHash } from 'node:crypto';

/** A result line as JSON (the runner's StepOutcome, or an adapter's answer). */
export type ResultLine = Readonly<Record<string, unknown>>;

/** Ops whose accepted result carries a pair's `state` that is compared. */
export const STATE_OPS: ReadonlySet<string> = new Set([
  'pairCreate', 'pairDivide', 'extentUpdate', 'extentDivide', 'extentCouple', 'pairSuspend', 'pairResync', 'pairDelete', 'takeover', 'status',
]);

/** One compared field on which the two answers differ. */
export interface ResultMismatch {
  /** The compared field (`ok`, `error.code`, `bytes`, `state`, `bytes`/`tracks` of a volumeInfo, `datasets`). */
  readonly field: string;
  /** The model's value of the field. */
  readonly model: unknown;
  /** The adapter's value of the field. */
  readonly adapter: unknown;
  /** One line for a report: `read: bytes: model hex 4141, adapter hex 4242`. */
  readonly message: string;
}

/**
 * The compared fields of one result line of `op`, in a fixed order; a field the line lacks
 * is `undefined` (so a missing `state` differs from a present one). A read's bytes are
 * reduced to their SHA-256 (from `hex` when given, else `sha256`), so a short read answered
 * with only its digest still compares.
 */
export function comparedFields(op: string, result: ResultLine): Array<[string, unknown]> {
  const ok = result.ok;
  if (ok !== true) return [['ok', ok], ['error.code', errorCode(result)]];
  const out: Array<[string, unknown]> = [['ok', true]];
  if (op === 'read') out.push(['length', result.length], ['bytes', readDigest(result)]);
  if (STATE_OPS.has(op)) out.push(['state', result.state]);
  if (op === 'volumeInfo') out.push(['bytes', result.bytes], ['tracks', result.tracks]);
  if (op === 'datasets') out.push(['datasets', result.datasets]);
  return out;
}

/** The model's answer and the adapter's: null when they agree on every compared field, else the first field that differs. */
export function compareResults(op: string, model: ResultLine, adapter: ResultLine): ResultMismatch | null {
  const mine = comparedFields(op, model);
  const theirs = new Map(comparedFields(op, adapter));
  for (const [field, value] of mine) {
    const other = theirs.get(field);
    if (sameJson(value, other)) continue;
    if (field === 'bytes' && op === 'read') return { field, model: value, adapter: other, message: `${op}: ${bytesDiffer(model, adapter)}` };
    return { field, model: value, adapter: other, message: `${op}: ${field}: model ${JSON.stringify(value)}, adapter ${JSON.stringify(other)}` };
  }
  return null;
}

function errorCode(result: ResultLine): unknown {
  const error = result.error;
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** The SHA-256 of the bytes a read result carries (lower-case hex), or undefined when it carries none. */
export function readDigest(result: ResultLine): string | undefined {
  if (typeof result.hex === 'string') return createHash('sha256').update(Buffer.from(result.hex, 'hex')).digest('hex');
  return typeof result.sha256 === 'string' ? result.sha256.toLowerCase() : undefined;
}

/** Where two reads' bytes part: the first differing byte when both carry hex, else the digests. */
function bytesDiffer(model: ResultLine, adapter: ResultLine): string {
  if (typeof model.hex === 'string' && typeof adapter.hex === 'string') {
    const m = Buffer.from(model.hex, 'hex');
    const a = Buffer.from(adapter.hex, 'hex');
    let i = 0;
    while (i < m.length && i < a.length && m[i] === a[i]) i++;
    const at = (b: Buffer) => (i < b.length ? `0x${b[i]!.toString(16).padStart(2, '0')}` : 'nothing');
    return `bytes differ from byte ${i} of the read on (model ${at(m)}, adapter ${at(a)}; ${m.length} and ${a.length} bytes)`;
  }
  return `bytes: model sha256 ${readDigest(model) ?? 'none'}, adapter sha256 ${readDigest(adapter) ?? 'none'}`;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
