/**
 * The two checks a saved regression trace of an erratum passes (test/regressions.test.ts,
 * the regression writer): its corrected twin runs clean on the corrected model, and the same
 * steps with only the header switched fail, because the witnesses assert the literal's answers.
 */
import { json } from './trace-failure.ts';

/** The corrected twin of a regression file: header variant "corrected", commented steps in place. */
export function correctedTwin(text: string): string {
  const out: string[] = [];
  let pending: string | null = null;
  let headerSeen = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const m = /^\/\/\s*corrected:\s*(.*)$/.exec(line);
    if (m) {
      pending = m[1]!;
      continue;
    }
    if (line === '' || line.startsWith('//')) {
      out.push(raw);
      continue;
    }
    if (!headerSeen) {
      headerSeen = true;
      out.push(json({ ...(JSON.parse(line) as object), variant: 'corrected' }));
      continue;
    }
    out.push(pending ?? raw);
    pending = null;
  }
  return out.join('\n');
}

/** The same steps with only the header switched to "corrected" (must fail: the witnesses assert the literal's answers). */
export function headerSwitched(text: string): string {
  let done = false;
  return text
    .split('\n')
    .map((raw) => {
      const line = raw.trim();
      if (done || line === '' || line.startsWith('//')) return raw;
      done = true;
      return json({ ...(JSON.parse(line) as object), variant: 'corrected' });
    })
    .join('\n');
}
