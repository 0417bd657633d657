/**
 * A failed property's counterexample as a trace-v1 file (spec/trace-format.md, header fields
 * `property` and `planted`). The model-based properties fail with the trace steps they ran
 * (`steps`) and the observations the model got wrong (`witnesses`: what it answered, what the
 * spec wants); the file lists the steps, then each witness as the spec wants it, after a
 * comment with the model's answer, so it fails on the faulty model and passes once fixed.
 * A property without steps (RAID, address translation) gets the header and the
 * counterexample as comments: `replay` re-runs it from `seed` and `path`.
 */

type Step = Record<string, unknown>;

interface TracedError {
  readonly steps: readonly Step[];
  readonly witnesses?: ReadonlyArray<{ readonly actual: Step; readonly expected: Step }>;
}

function traced(e: unknown): TracedError | null {
  const steps = (e as { steps?: unknown } | null)?.steps;
  return Array.isArray(steps) ? (e as TracedError) : null;
}

export interface FailureTraceInput {
  readonly property: string;
  readonly title: string;
  readonly seed: number;
  readonly path: string;
  /** The property's error (fast-check's `errorInstance`). */
  readonly error: unknown;
  readonly counterexample: string;
  readonly planted?: string | undefined;
}

/** The first line of an error's message: the one-line description of the failure. */
export function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '(no message)';
}

export function failureTrace(f: FailureTraceInput): string {
  const header = {
    trace: 1,
    name: `${f.property}: ${firstLine(f.error)}`.slice(0, 200),
    description: `counterexample of ${f.property} (${f.title}), shrunk by fast-check`,
    seed: f.seed,
    path: f.path,
    property: f.property,
    ...(f.planted ? { planted: f.planted } : {}),
  };
  const lines = [
    `// Found by the campaign (npx tsx src/cli.ts campaign). Explain it: npx tsx src/cli.ts replay THIS_FILE`,
    `// Re-run the property: npx tsx src/cli.ts replay --property ${f.property} --seed ${f.seed} --path "${f.path}"${f.planted ? ` --plant ${f.planted}` : ''}`,
    JSON.stringify(header),
  ];
  const t = traced(f.error);
  if (!t) {
    lines.push(`// no trace steps: this property drives its component directly. Counterexample:`);
    for (const l of f.counterexample.split('\n')) lines.push(`// ${l}`);
    return `${lines.join('\n')}\n`;
  }
  for (const s of t.steps) lines.push(JSON.stringify(s));
  for (const w of t.witnesses ?? []) lines.push(`// the model answered: ${JSON.stringify(w.actual)}`, JSON.stringify(w.expected));
  return `${lines.join('\n')}\n`;
}
