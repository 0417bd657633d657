/**
 * `serve [TRACE] [--port N] [--host ADDRESS] [--log FILE] [--token-file FILE]`: the remote
 * terminal's server (server.ts) until SIGINT or SIGTERM. Its one line on stdout is
 * `listening on http://HOST:PORT token TOKEN`; notes go to stderr. Exit 0 after a signal,
 * 2 bad input (a non-loopback --host, a bad port, token or trace, a log that already holds a
 * session, an address in use), 4 a loaded trace that crashes the model.
 */
import { readTokenFile, ServeRefusal } from './serve-setup.ts';
import { startServer, type RunningServer } from './server.ts';

export interface ServeFlags {
  readonly port?: string;
  readonly host?: string;
  readonly log?: string;
  readonly tokenFile?: string;
}

export async function serveCommand(trace: string | undefined, flags: ServeFlags): Promise<number> {
  let running: RunningServer;
  try {
    running = await startServer({
      ...(trace !== undefined ? { trace } : {}),
      ...(flags.log !== undefined ? { log: flags.log } : {}),
      host: flags.host ?? '127.0.0.1',
      port: parsePort(flags.port ?? '0'),
      ...(flags.tokenFile !== undefined ? { token: readTokenFile(flags.tokenFile) } : {}),
    });
  } catch (e) {
    if (!(e instanceof ServeRefusal)) throw e;
    process.stderr.write(`serve: ${e.message}\n`);
    return e.exitCode;
  }
  for (const note of running.notes) process.stderr.write(`serve: ${note}\n`);
  process.stdout.write(`listening on ${running.url} token ${running.token}\n`);
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function parsePort(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new ServeRefusal(`--port ${value}: expected a whole number from 0 (a free port) to 65535`);
  return n;
}
