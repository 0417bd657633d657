/**
 * `GET /v1/events` of the remote terminal's server: server-sent events, one `data:` event
 * per request the model ran (its result line), so a client sees every change of state.
 */
import type { ServerResponse } from 'node:http';
import type { StepOutcome } from '../trace/runner.ts';

/**
 * A subscriber that has not read this many bytes of events is dropped (its stream ends), so
 * a stalled client cannot make the server hold every result line for it.
 */
export const EVENT_BACKLOG_BYTES_MAX = 8 << 20;

export class EventStreams {
  private readonly subscribers = new Set<ServerResponse>();

  /** Opens the stream; its first bytes are a comment naming the line the next request gets. */
  subscribe(res: ServerResponse, nextLine: number): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(`: subscribed; the next request runs as line ${nextLine}\n\n`);
    this.subscribers.add(res);
    res.on('close', () => this.subscribers.delete(res));
  }

  /** One event per ran request: `id:` its line, `data:` its result line. */
  publish(result: StepOutcome): void {
    const event = `id: ${result.line}\ndata: ${JSON.stringify(result)}\n\n`;
    for (const res of this.subscribers) {
      if (res.writableLength > EVENT_BACKLOG_BYTES_MAX) {
        this.subscribers.delete(res);
        res.end();
        continue;
      }
      res.write(event);
    }
  }

  get count(): number {
    return this.subscribers.size;
  }

  /** Ends every stream (the server is closing). */
  endAll(): void {
    for (const res of this.subscribers) res.end();
    this.subscribers.clear();
  }
}
