/**
 * What `serve` decides before it listens (TERM-N-1): that the address is loopback, the token, and the
 * session it serves (a new one, or a trace loaded to resume) with where its log goes.
 *
 * Resume, exactly (TERM-N-4; `serve [TRACE] [--log FILE]`):
 * - no TRACE: a new session (header `{"trace":1,"name":"remote terminal session"}`). With
 *   `--log FILE`, FILE must not exist or be empty; it is created with the header.
 * - TRACE: the trace is loaded as `run` runs it (Session.load: every step re-run on a fresh
 *   model, refusals included; an expectation that fails is reported, not fatal). A trace
 *   that does not parse is exit 2; one that crashes the model (INTERNAL_ERROR) is exit 4.
 *   - `--log` the same file as TRACE: later steps are appended after its last line; the header
 *     and the lines already there are never rewritten. A last line without its newline that
 *     does not parse is a write the server was killed in (so never acknowledged): it is cut off
 *     (the file truncated to its last newline) and a note says so.
 *   - `--log` another file: it must not exist or be empty; it is created with TRACE's header
 *     and every loaded step as the session holds it, so the log alone replays the session.
 *   - no `--log`: the session is not logged.
 * A loaded step keeps its line in the trace (TERM-S-3) and a new step is numbered one past the
 * last, so a log written by `serve` and resumed in place numbers its physical lines.
 */
import { readFileSync, statSync, truncateSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { randomBytes } from 'node:crypto';
import { DefinedLinks } from '../observe/link-snapshots.ts';
import type { StepOutcome } from '../trace/runner.ts';
import type { TraceStep } from '../trace/schema.ts';
import { Session } from './session.ts';

/** `serve` refuses to start: the message, and the exit code (2 bad input, 4 the loaded trace crashed the model). */
export class ServeRefusal extends Error {
  constructor(message: string, readonly exitCode: 2 | 4 = 2) {
    super(message);
    this.name = 'ServeRefusal';
  }
}

/** Random tokens carry this many bytes (base64url: 43 characters). */
export const TOKEN_RANDOM_BYTES = 32;

/** A token given (`--token-file`) has at least this many characters. */
export const TOKEN_CHARS_MIN = 16;

/** The address to listen on, or a refusal: only loopback (127.0.0.0/8, ::1, "localhost"). */
export function loopbackAddress(host: string): string {
  if (host.toLowerCase() === 'localhost') return '127.0.0.1';
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const family = isIP(bare);
  const loopback = new BlockList();
  loopback.addSubnet('127.0.0.0', 8, 'ipv4');
  loopback.addAddress('::1', 'ipv6');
  if (family === 0 || !loopback.check(bare, family === 4 ? 'ipv4' : 'ipv6')) {
    throw new ServeRefusal(`--host ${host} is not a loopback address: the remote terminal listens on loopback only (127.0.0.0/8, ::1, localhost)`);
  }
  return bare;
}

/** The token given, checked, or a fresh random one (TOKEN_RANDOM_BYTES, base64url). */
export function serverToken(given: string | undefined): string {
  if (given === undefined) return randomBytes(TOKEN_RANDOM_BYTES).toString('base64url');
  if (!/^[\x21-\x7e]+$/.test(given)) throw new ServeRefusal('the token must be printable ASCII without spaces');
  if (given.length < TOKEN_CHARS_MIN) throw new ServeRefusal(`the token must have at least ${TOKEN_CHARS_MIN} characters`);
  return given;
}

/** `--token-file FILE`: its first line, without surrounding whitespace. */
export function readTokenFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ServeRefusal(`cannot read the token file ${file}: ${(e as Error).message}`);
  }
  return serverToken((text.split('\n')[0] ?? '').trim());
}

/** The session to serve, the paths it defined, where its log goes, and notes for stderr. */
export interface PreparedSession {
  readonly session: Session;
  readonly links: DefinedLinks;
  readonly log: { readonly file: string; readonly mode: 'create' | 'append' } | null;
  readonly notes: readonly string[];
}

const NEW_HEADER = { trace: 1, name: 'remote terminal session' } as const;

export function prepareSession(trace: string | undefined, log: string | undefined): PreparedSession {
  const notes: string[] = [];
  const links = new DefinedLinks();
  const resumes = trace !== undefined && log !== undefined && sameFile(trace, log);
  if (log !== undefined && !resumes && hasContent(log)) {
    throw new ServeRefusal(`the log ${log} already holds a session; to resume it run serve ${log} --log ${log}, or choose a new file`);
  }
  const { session, results } = trace === undefined ? { session: new Session(NEW_HEADER), results: [] } : loadSession(trace, resumes, notes);
  // Session.load runs one step per line it keeps: results[i] is the outcome of steps[i].
  session.steps.forEach((step, i) => links.note(step as unknown as TraceStep, results[i]!));
  const mode = resumes ? 'append' : 'create';
  if (trace !== undefined) notes.push(`${resumes ? "resumed" : "loaded"} ${session.steps.length} steps from ${trace}${resumes ? "; appending to it" : ""}`);
  if (log === undefined) notes.push('requests are not logged (pass --log FILE to keep them)');
  return { session, links, log: log === undefined ? null : { file: log, mode }, notes };
}

/** Session.load of the file, with a torn last line cut off when the file is the log (see the top of this file). */
function loadSession(file: string, resumes: boolean, notes: string[]): { session: Session; results: StepOutcome[] } {
  let text = readText(file);
  let loaded = Session.load(text);
  if ('error' in loaded && resumes && isTornTail(text, loaded.line)) {
    const kept = text.slice(0, text.lastIndexOf('\n') + 1);
    truncateSync(file, Buffer.byteLength(kept, 'utf8'));
    notes.push(`${file}: line ${loaded.line} was cut short (the server was killed while writing it; it was never answered): removed`);
    text = kept;
    loaded = Session.load(text);
  }
  if ('error' in loaded) throw new ServeRefusal(`${file}: ${loaded.error}`);
  const { session, results } = loaded;
  if (session.crashed !== null) throw new ServeRefusal(`${file}: the trace crashes the model: ${session.crashed}`, 4);
  const failed = results.filter((r) => r.expectFailed !== undefined).length;
  if (failed > 0) notes.push(`${file}: ${failed} expectations did not hold (the steps ran; see "run ${file}")`);
  return { session, results };
}

/** A last line, without its newline, that does not parse. */
function isTornTail(text: string, errorLine: number): boolean {
  return text.length > 0 && !text.endsWith('\n') && errorLine === text.split('\n').length;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new ServeRefusal(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

function hasContent(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}
