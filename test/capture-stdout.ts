import { vi } from 'vitest';

/** Runs `fn` with process.stdout captured: its result and what it printed. */
export async function captureStdout<T>(fn: () => Promise<T>): Promise<{ result: T; printed: string }> {
  const printed: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    return { result: await fn(), printed: printed.join('') };
  } finally {
    spy.mockRestore();
  }
}
