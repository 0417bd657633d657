/**
 * Another implementation under test, as a child process speaking the conformance protocol
 * (spec/conformance.md): trace-v1 lines on its stdin, one result line per step on its stdout.
 *
 * This is the one place in the project with a timer. The model itself never waits (nothing
 * moves unless a step says so), but a process of someone else's can hang or die, and a
 * conformance run must then end with a report instead of waiting forever. Every step has a
 * deadline (`timeoutMs`, default 10 s); a step that misses it, a process that exits, or an
 * answer that is not one JSON result line ends the adapter with an AdapterFailure.
 */
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';

/** A shell command line (`"npx tsx my-adapter.ts"`), or an argv run without a shell. */
export type AdapterCommand = string | readonly string[];

/** How long one step may take to be answered, in milliseconds, unless told otherwise. */
export const STEP_TIMEOUT_MS_DEFAULT = 10_000;
/** How much of the adapter's stderr a failure report keeps (its end). */
const STDERR_TAIL_CHARS_MAX = 4_000;

/** Why the adapter could not be used: it did not start, exited, missed a deadline or broke the protocol. */
export type AdapterFailureKind = 'spawn' | 'exit' | 'timeout' | 'protocol';

/** The adapter failed as a process (not a disagreement with the model): a conformance run reports it as exit 2. */
export class AdapterFailure extends Error {
  constructor(
    readonly kind: AdapterFailureKind,
    message: string,
    /** The end of what the adapter wrote on stderr. */
    readonly stderr: string,
  ) {
    super(stderr.trim() === '' ? message : `${message}\n--- adapter stderr (end) ---\n${stderr.trimEnd()}`);
    this.name = 'AdapterFailure';
  }
}

/** Options of `AdapterProcess.start`. */
export interface AdapterProcessOptions {
  /** Per-step deadline in milliseconds (default STEP_TIMEOUT_MS_DEFAULT); also bounds `close`. */
  readonly timeoutMs?: number;
  /** Working directory of the adapter (default: this process's). */
  readonly cwd?: string;
}

interface Waiter {
  readonly resolve: (line: string) => void;
  readonly reject: (e: AdapterFailure) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * One running adapter. `send` writes a line that has no answer (a header: reset); `request`
 * writes a step and resolves with the one line the adapter answers. Requests are strictly one
 * at a time. After the first failure every request rejects at once with that failure.
 */
export class AdapterProcess {
  private readonly child: ChildProcess;
  private readonly timeoutMs: number;
  private stdoutBuffer = '';
  private stderrTail = '';
  private waiter: Waiter | null = null;
  private unasked: string | null = null;
  private failed: AdapterFailure | null = null;
  private readonly closed: Promise<void>;
  private exitedWith: string | null = null;
  /** Its stdio pipes are closed: it and everything that held them are gone. */
  private isClosed = false;

  private constructor(readonly command: AdapterCommand, options: AdapterProcessOptions) {
    this.timeoutMs = options.timeoutMs ?? STEP_TIMEOUT_MS_DEFAULT;
    // Its own process group, so a hung adapter is ended with everything it started (npx → node).
    const common: SpawnOptions = { stdio: ['pipe', 'pipe', 'pipe'], detached: true, ...(options.cwd ? { cwd: options.cwd } : {}) };
    this.child = typeof command === 'string' ? spawn(command, { ...common, shell: true }) : spawn(command[0] ?? '', command.slice(1), common);
    this.child.stdout!.setEncoding('utf8');
    this.child.stderr!.setEncoding('utf8');
    this.child.stdout!.on('data', (chunk: string) => this.onStdout(chunk));
    this.child.stderr!.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS_MAX);
    });
    this.child.stdin!.on('error', () => {}); // EPIPE when it has died: reported by 'close' below
    this.child.on('error', (e) => this.fail('spawn', `adapter ${describe(command)} could not be started: ${e.message}`));
    this.child.on('exit', (code, signal) => {
      this.exitedWith = signal ? `signal ${signal}` : `code ${code}`;
    });
    this.closed = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.isClosed = true;
        this.exitedWith ??= signal ? `signal ${signal}` : `code ${code}`;
        this.fail('exit', `adapter ${describe(command)} exited (${this.exitedWith})`);
        resolve();
      });
    });
  }

  /** Starts the adapter command. Never throws: a command that cannot start fails its first request. */
  static start(command: AdapterCommand, options: AdapterProcessOptions = {}): AdapterProcess {
    return new AdapterProcess(command, options);
  }

  /** The failure that ended the adapter, if any. */
  get failure(): AdapterFailure | null {
    return this.failed;
  }

  /** Writes a line the adapter does not answer (a header `{"trace":1,...}`: it resets). */
  send(line: string): void {
    if (this.failed) throw this.failed;
    this.child.stdin!.write(`${line}\n`);
  }

  /** Writes one step line; resolves with the adapter's one answer line, rejects with an AdapterFailure. */
  request(line: string): Promise<string> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.waiter) return Promise.reject(new Error('AdapterProcess.request: a request is already waiting'));
    if (this.unasked !== null) {
      this.fail('protocol', `adapter wrote a line nobody asked for: ${clip(this.unasked)}`);
      return Promise.reject(this.failed);
    }
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail('timeout', `adapter gave no answer within ${this.timeoutMs} ms to ${clip(line)}`);
      }, this.timeoutMs);
      this.waiter = { resolve, reject, timer };
      this.child.stdin!.write(`${line}\n`);
    });
  }

  /** Ends stdin and waits for the adapter to exit; a process still running after the deadline is killed. */
  async close(): Promise<void> {
    if (!this.isClosed && this.child.pid !== undefined) {
      this.child.stdin!.end();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), this.timeoutMs);
      });
      if ((await Promise.race([this.closed, late])) === 'late') this.kill();
      clearTimeout(timer);
    }
    this.child.stdout!.destroy();
    this.child.stderr!.destroy();
  }

  /** Ends the adapter for an answer the protocol does not allow; returns the failure to throw. */
  protocolFailure(message: string): AdapterFailure {
    this.fail('protocol', message);
    return this.failed!;
  }

  private onStdout(chunk: string): void {
    this.stdoutBuffer += chunk;
    let nl: number;
    while ((nl = this.stdoutBuffer.indexOf('\n')) >= 0) {
      let line = this.stdoutBuffer.slice(0, nl);
      this.stdoutBuffer = this.stdoutBuffer.slice(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line.trim() === '') continue;
      const w = this.waiter;
      if (w) {
        this.waiter = null;
        clearTimeout(w.timer);
        w.resolve(line);
      } else {
        this.unasked ??= line;
      }
    }
  }

  private fail(kind: AdapterFailureKind, message: string): void {
    if (!this.failed) this.failed = new AdapterFailure(kind, message, this.stderrTail);
    const w = this.waiter;
    if (w) {
      this.waiter = null;
      clearTimeout(w.timer);
      w.reject(this.failed);
    }
    if (kind === 'timeout' || kind === 'protocol') this.kill();
  }

  /** Ends the adapter's process group (only the process this object started, and its children). */
  private kill(): void {
    const pid = this.child.pid;
    if (pid === undefined || this.isClosed) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function describe(command: AdapterCommand): string {
  return JSON.stringify(typeof command === 'string' ? command : command.join(' '));
}

function clip(line: string): string {
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
