/**
 * The remote terminal (issue #15; the seed's tenth embodiment: a remote terminal issues the
 * same requests as hosts): one live model behind an HTTP server on loopback, started only by
 * `serve` (or a test calling startServer). Every request is one trace op; a request op
 * without `from` gets `from: "remoteTerminal"` (TERM-R-1).
 *
 * Routes (TERM-N-2; all need `Authorization: Bearer TOKEN`, else 401 and nothing changes):
 * - `POST /v1/requests`, body one trace op as JSON (at most REQUEST_BODY_BYTES_MAX, else 413):
 *   200 and the op's result line, also when the model refused it (`ok: false` and its error
 *   code: a valid request that the model refused is an answer, not an HTTP error); 400 and
 *   `{ok: false, op, error: {code: "TRACE_INVALID", message}}` for a body that is not one valid
 *   op (not JSON, not UTF-8, an unknown op with the parser's "did you mean" hint, a bad field);
 *   500 for a step that crashed the model (INTERNAL_ERROR: it is logged, and the session takes
 *   no further step) or a log that could not be written (LOG_FAILED: then every later request
 *   is 503, since the log would no longer be the session).
 * - `GET /v1/pairs`: `{pairs: [...]}`, every pair's `status` fields (server-views.ts).
 * - `GET /v1/systems`: `{systems, volumes, links}` (server-views.ts).
 * - `GET /v1/events`: server-sent events, one per request the model ran (server-events.ts).
 * Other paths are 404, other methods 405 (after the token: without it every answer is 401).
 *
 * Ordering (TERM-N-3): a request is applied when its body has arrived, in one synchronous run from
 * parsing to the logged line and the answer (no await in between), so requests of any number
 * of clients are applied one at a time, in the order their bodies completed. A step that ran
 * is written to the log and fsynced before its answer is sent (server-log.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DefinedLinks } from '../observe/link-snapshots.ts';
import type { StepOutcome } from '../trace/runner.ts';
import type { TraceStep } from '../trace/schema.ts';
import { EventStreams } from './server-events.ts';
import { hasToken, readBody, REQUEST_BODY_BYTES_MAX, sendError, sendJson, tokenDigest, type Body } from './server-http.ts';
import { SessionLog } from './server-log.ts';
import { pairStatuses, systemsView } from './server-views.ts';
import { loopbackAddress, prepareSession, ServeRefusal, serverToken } from './serve-setup.ts';
import type { Session } from './session.ts';

export interface ServerOptions {
  /** A trace (or a session log) to load and resume (serve-setup.ts says exactly how). */
  readonly trace?: string;
  /** The session log (serve-setup.ts): every step that ran, appended before it is answered. */
  readonly log?: string;
  /** Loopback only (127.0.0.0/8, ::1, localhost); default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port, which `url` tells. */
  readonly port?: number;
  /** Default: TOKEN_RANDOM_BYTES random bytes, base64url, new at every start. */
  readonly token?: string;
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT` (`http://[::1]:PORT` on IPv6). */
  readonly url: string;
  readonly token: string;
  /** The live session (its model is `session.ctx.model`). */
  readonly session: Session;
  /** What setup had to say (a resume, a torn line cut off, no log): serve prints them to stderr. */
  readonly notes: readonly string[];
  /** Stops listening, ends every event stream and connection, closes the log. */
  close(): Promise<void>;
}

interface ServerState {
  readonly session: Session;
  readonly links: DefinedLinks;
  /** Opened once the server listens, before any request can arrive (its body is an I/O event later). */
  log: SessionLog | null;
  readonly events: EventStreams;
  readonly tokenDigest: Buffer;
  /** Set when a log write failed: the server then refuses every request (503). */
  logFailure: string | null;
}

type Route = { readonly method: 'GET' | 'POST'; readonly handle: (state: ServerState, body: string, req: IncomingMessage, res: ServerResponse) => void };

const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['/v1/requests', { method: 'POST', handle: onRequest }],
  ['/v1/pairs', { method: 'GET', handle: (s, _b, _q, res) => sendJson(res, 200, { pairs: pairStatuses(s.session.ctx) }) }],
  ['/v1/systems', { method: 'GET', handle: (s, _b, _q, res) => sendJson(res, 200, systemsView(s.session.ctx, s.links)) }],
  ['/v1/events', { method: 'GET', handle: (s, _b, _q, res) => s.events.subscribe(res, s.session.nextLine) }],
]);

/** Starts the server; rejects with a ServeRefusal for bad options or an address it cannot listen on. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = loopbackAddress(options.host ?? '127.0.0.1');
  const token = serverToken(options.token);
  const port = options.port ?? 0;
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535) throw new ServeRefusal(`--port ${port}: expected a whole number from 0 to 65535`);
  const prepared = prepareSession(options.trace, options.log);
  const state: ServerState = { session: prepared.session, links: prepared.links, log: null, events: new EventStreams(), tokenDigest: tokenDigest(token), logFailure: null };
  const server = createServer((req, res) => route(state, req, res));
  await listen(server, host, port);
  try {
    const log = prepared.log;
    state.log = log === null ? null : log.mode === 'append' ? SessionLog.resume(log.file) : SessionLog.create(log.file, [state.session.header, ...state.session.steps]);
  } catch (e) {
    server.close();
    throw new ServeRefusal(`cannot open the log ${options.log}: ${(e as Error).message}`);
  }
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return { url, token, session: state.session, notes: prepared.notes, close: () => closeServer(server, state) };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const refuse = (e: NodeJS.ErrnoException) => reject(new ServeRefusal(`cannot listen on ${host}:${port}: ${e.code ?? e.message}`));
    server.once('error', refuse);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', refuse);
      resolve();
    });
  });
}

function closeServer(server: Server, state: ServerState): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      state.log?.close();
      resolve();
    });
    state.events.endAll();
    server.closeAllConnections();
  });
}

/** The token first (401: without it nothing, not even the routes, is told: TERM-N-2), then 404, 405, the body (413), the route. */
function route(state: ServerState, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0]!;
  if (!hasToken(req, state.tokenDigest)) return refuseAfterBody(req, res, 401, 'UNAUTHORIZED', 'missing or wrong token: send "Authorization: Bearer TOKEN" with the token serve printed', { 'www-authenticate': 'Bearer' });
  const found = ROUTES.get(path);
  if (found === undefined) return refuseAfterBody(req, res, 404, 'NOT_FOUND', `no route ${path}: the remote terminal answers ${[...ROUTES.keys()].join(', ')}`);
  if (req.method !== found.method) return refuseAfterBody(req, res, 405, 'METHOD_NOT_ALLOWED', `${path} takes ${found.method}, not ${req.method}`, { allow: found.method });
  readBody(req, (body) => {
    if ('refused' in body) return refuseBody(res, body);
    try {
      found.handle(state, body.text, req, res);
    } catch (e) {
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_ERROR', `the server failed: ${(e as Error).message}`);
    }
  });
}

function refuseAfterBody(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  readBody(req, () => sendError(res, status, code, message, headers));
}

function refuseBody(res: ServerResponse, body: Extract<Body, { refused: string }>): void {
  if (body.refused === 'tooLarge') return sendError(res, 413, 'BODY_TOO_LARGE', `a request body holds one trace op, at most ${REQUEST_BODY_BYTES_MAX} bytes`, { connection: 'close' });
  sendJson(res, 400, { ok: false, op: 'trace', error: { code: 'TRACE_INVALID', message: 'the body is not UTF-8 text' } });
}

/**
 * POST /v1/requests: parse, apply, log and answer in one synchronous run, so requests never
 * interleave. Only a step that ran (the session's steps grew) is logged and published.
 */
function onRequest(state: ServerState, body: string, _req: IncomingMessage, res: ServerResponse): void {
  if (state.logFailure !== null) return sendError(res, 503, 'LOG_FAILED', `the session log could not be written (${state.logFailure}); no request is taken: restart serve from the log`);
  const { session } = state;
  const before = session.steps.length;
  const out = session.apply(body, 'remoteTerminal');
  const ran = session.steps.slice(before);
  const crashed = out.error?.code === 'INTERNAL_ERROR';
  if (ran.length === 0) return sendJson(res, crashed ? 500 : 400, out);
  try {
    state.log?.append(ran);
  } catch (e) {
    state.logFailure = (e as Error).message;
    return sendError(res, 500, 'LOG_FAILED', `the step ran but could not be logged (${state.logFailure}); no further request is taken`);
  }
  const result = out as StepOutcome; // a step ran: its outcome is a result line
  state.links.note(ran[ran.length - 1] as unknown as TraceStep, result); // one op runs as one step
  state.events.publish(result);
  sendJson(res, crashed ? 500 : 200, out);
}
