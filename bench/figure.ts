/** The shape of one reported figure and its PASS/MISS verdict. */

export interface Figure {
  readonly id: string;
  readonly ratio: number;
  readonly baseline: string;
  readonly target: number;
  readonly better: 'higher' | 'lower';
  readonly detail: Record<string, unknown>;
}

export function passes(f: Figure): boolean {
  return f.better === 'higher' ? f.ratio >= f.target : f.ratio <= f.target;
}
