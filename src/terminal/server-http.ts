/**
 * The HTTP plumbing of the remote terminal's server (`serve`): bearer-token checks, bounded
 * request bodies and JSON answers. Nothing here knows the model.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request body above this is refused with 413 (one trace op is far smaller). */
export const REQUEST_BODY_BYTES_MAX = 1 << 20;

/**
 * An oversized body is read and discarded up to this many bytes, so the client (which sends
 * its whole body before it reads the answer) still gets its 413; past it the connection is cut.
 */
export const REQUEST_BODY_DISCARD_BYTES_MAX = 16 << 20;

/** What a body read ended with: its text, or why there is none. */
export type Body = { readonly text: string } | { readonly refused: 'tooLarge' | 'notUtf8' };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The request's body, at most REQUEST_BODY_BYTES_MAX bytes, given to `done` once it has all
 * arrived; nothing is given when the client goes away first.
 */
export function readBody(req: IncomingMessage, done: (body: Body) => void): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes <= REQUEST_BODY_BYTES_MAX) chunks.push(chunk);
    else chunks.length = 0;
    if (bytes > REQUEST_BODY_DISCARD_BYTES_MAX) {
      req.removeAllListeners('end');
      req.destroy();
    }
  });
  req.on('end', () => {
    if (bytes > REQUEST_BODY_BYTES_MAX) return done({ refused: 'tooLarge' });
    try {
      done({ text: UTF8.decode(Buffer.concat(chunks, bytes)) });
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      done({ refused: 'notUtf8' });
    }
  });
}

/** The token as it is compared: its SHA-256, so both sides of the comparison have one length. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Whether the request carries `Authorization: Bearer TOKEN` with the server's token. The
 * digests are compared in constant time (timingSafeEqual), so the answer's timing does not
 * tell how much of a guess was right.
 */
export function hasToken(req: IncomingMessage, expected: Buffer): boolean {
  const m = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '');
  const given = tokenDigest(m?.[1] ?? '');
  return timingSafeEqual(given, expected) && m !== null;
}

/** Answers `value` as one JSON line. */
export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = `${JSON.stringify(value)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/** An answer that is not a result line: `{error: {code, message}}`. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { code, message } }, headers);
}
