/**
 * Issue #15, the remote terminal (the seed's tenth embodiment: a remote terminal issues the
 * same requests as hosts): `serve` puts one live model behind an HTTP server on loopback.
 * In-process through startServer, and as a child process through `npx tsx src/cli.ts serve`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loopbackAddress, readTokenFile, ServeRefusal } from '../src/terminal/serve-setup.ts';
import { startServer, type RunningServer } from '../src/terminal/server.ts';
import { runTrace } from '../src/trace/runner.ts';

const root = join(import.meta.dirname, '..');

const SYSTEM = { op: 'system', id: 'S', ldevBytes: 65536, raidGroups: [{ id: 'RG', level: 'raid5', devices: 4, deviceBytes: 1 << 20, stripeUnitBytes: 8192 }] };
const volume = (id: string) => ({ op: 'volume', system: 'S', id, emulation: 'OPEN-V', bytes: 65536 });

/** Two sites, a local pair part-way generated, a remote pair behind a failed path, a failed device being rebuilt. */
const SCENARIO: Record<string, unknown>[] = [
  SYSTEM,
  { op: 'system', id: 'T', ldevBytes: 65536, raidGroups: [{ id: 'RG', level: 'raid1', devices: 2, deviceBytes: 2 << 20 }] },
  { op: 'link', between: ['S', 'T'] },
  { ...volume('DB'), bytes: 262144 },
  { ...volume('COPY'), bytes: 262144 },
  { ...volume('LOG'), bytes: 262144 },
  { op: 'write', system: 'S', volume: 'DB', offset: 0, data: { text: 'payroll' } },
  { op: 'pairCreate', id: 'L', kind: 'local', original: 'S:DB', copy: 'S:COPY' },
  { op: 'pairCreate', id: 'R', kind: 'remote', source: 'S:LOG', target: 'T', extents: [[1, 2]], targetVolume: 'LOG-T' },
  { op: 'step', pair: 'L', tracks: 1 },
  { op: 'deviceFail', system: 'S', raidGroup: 'RG', device: 1 },
  { op: 'deviceReplace', system: 'S', raidGroup: 'RG', device: 1 },
  { op: 'step', process: 'rebuild:S:RG', tracks: 1 },
  { op: 'linkDown', between: ['S', 'T'] },
  { op: 'write', system: 'S', volume: 'LOG', offset: 70000, data: { text: 'after the path failed' } },
  { op: 'pairCreate', id: 'L', kind: 'local', original: 'S:DB', copy: 'S:COPY' }, // refused: ALREADY_EXISTS
];

interface Target {
  readonly url: string;
  readonly token: string;
}

interface Answer {
  readonly status: number;
  readonly json: Record<string, any>;
}

async function post(t: Target, body: unknown, token: string | null = t.token): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${t.url}/v1/requests`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

async function get(t: Target, path: string, headers: Record<string, string> = { authorization: `Bearer ${t.token}` }): Promise<Answer> {
  const res = await fetch(`${t.url}${path}`, { headers });
  return { status: res.status, json: await res.json() };
}

/** Both views at once: what a resumed server must reach again. */
async function views(t: Target): Promise<{ pairs: unknown; systems: unknown }> {
  const [pairs, systems] = await Promise.all([get(t, '/v1/pairs'), get(t, '/v1/systems')]);
  expect([pairs.status, systems.status]).toEqual([200, 200]);
  return { pairs: pairs.json, systems: systems.json };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'serve-test-'));
const logLines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

const servers: RunningServer[] = [];
const children: ChildProcess[] = [];

async function server(options: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  const s = await startServer(options);
  servers.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) killGroup(c, 'SIGKILL');
});

/** `npx tsx src/cli.ts serve ARGS…` in its own process group, and what its one stdout line says. */
function serveChild(args: string[]): { child: ChildProcess; started: Promise<Target>; exited: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn('npx', ['tsx', 'src/cli.ts', 'serve', ...args], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  const started = new Promise<Target>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+) token (\S+)\n$/.exec(stdout);
      if (m) resolve({ url: m[1]!, token: m[2]! });
      else if (stdout.includes('\n')) reject(new Error(`unexpected stdout: ${stdout}`));
    });
    void exited.then(({ code }) => reject(new Error(`serve exited ${code} before listening: ${stderr}`)));
  });
  started.catch(() => undefined); // a test that expects an exit does not await it
  return { child, started, exited };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

describe('remote terminal: requests', () => {
  it('a request is applied with from "remoteTerminal" and answered with its result line; a refusal is 200 with ok false', async () => {
    const s = await server();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const op of [SYSTEM, volume('V'), volume('C')]) expect((await post(s, op)).json).toMatchObject({ ok: true });
    const created = await post(s, { op: 'pairCreate', id: 'P', kind: 'local', original: 'S:V', copy: 'S:C' });
    expect(created).toMatchObject({ status: 200, json: { line: 5, op: 'pairCreate', ok: true, pair: 'P', kind: 'local' } });
    const refused = await post(s, { op: 'pairDivide', pair: 'NOPE' });
    expect(refused).toMatchObject({ status: 200, json: { ok: false, op: 'pairDivide', error: { code: 'NOT_FOUND' } } });
    const pairs = await get(s, '/v1/pairs');
    expect(pairs.json.pairs).toHaveLength(1);
    expect(pairs.json.pairs[0]).toMatchObject({ pair: 'P', kind: 'local', state: 'generating', requests: [{ line: 5, op: 'pairCreate', from: 'remoteTerminal' }] });
    expect(s.session.steps[3]).toMatchObject({ op: 'pairCreate', from: 'remoteTerminal' });
  });

  it('concurrent clients: 20 parallel writes to different volumes are all applied one at a time, in the order the log has them', async () => {
    const dir = tempDir();
    const log = join(dir, 'session.jsonl');
    const s = await server({ log });
    await post(s, SYSTEM);
    const ids = Array.from({ length: 20 }, (_, i) => `V${i}`);
    const created = await Promise.all(ids.map((id) => post(s, volume(id))));
    expect(created.every((a) => a.status === 200 && a.json.ok)).toBe(true);
    const writes = await Promise.all(ids.map((id) => post(s, { op: 'write', system: 'S', volume: id, offset: 100, data: { text: `written to ${id}` } })));
    expect(writes.every((a) => a.status === 200 && a.json.ok)).toBe(true);
    const lines = logLines(log);
    expect(lines).toHaveLength(1 + 1 + 20 + 20);
    expect(lines[0]).toEqual({ trace: 1, name: 'remote terminal session' });
    // Each answer's line is the log line that holds the same request: applied in the log's order.
    writes.forEach((a, i) => expect(lines[a.json.line - 1]).toMatchObject({ op: 'write', volume: ids[i] }));
    expect(new Set(writes.map((a) => a.json.line)).size).toBe(20);
    const reads = await Promise.all(ids.map((id) => post(s, { op: 'read', system: 'S', volume: id, offset: 100, length: 11 + id.length, expect: { text: `written to ${id}` } })));
    expect(reads.map((a) => [a.json.ok, a.json.expectFailed])).toEqual(ids.map(() => [true, undefined]));
    expect(runTrace(readFileSync(log, 'utf8')).exitCode).toBe(0);
  });

  it('bad tokens: 401 for a missing, wrong, truncated or non-Bearer token, and nothing changes', async () => {
    const dir = tempDir();
    const log = join(dir, 'session.jsonl');
    const s = await server({ log });
    for (const op of SCENARIO.slice(0, 9)) await post(s, op);
    const before = await views(s);
    const logBefore = readFileSync(log, 'utf8');
    const stepsBefore = s.session.steps.length;
    const op = { op: 'pairDelete', pair: 'L' };
    for (const token of [null, 'wrong', s.token.slice(0, -1), `${s.token}x`, '']) {
      expect(await post(s, op, token)).toMatchObject({ status: 401, json: { error: { code: 'UNAUTHORIZED' } } });
    }
    const basic = await fetch(`${s.url}/v1/requests`, { method: 'POST', headers: { authorization: `Basic ${s.token}` }, body: JSON.stringify(op) });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toBe('Bearer');
    for (const path of ['/v1/pairs', '/v1/systems', '/v1/events']) expect((await get(s, path, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect(await views(s)).toEqual(before);
    expect(s.session.steps.length).toBe(stepsBefore);
    expect(readFileSync(log, 'utf8')).toBe(logBefore);
  });

  it('bad bodies: 400 TRACE_INVALID (not JSON, not an object, an unknown op with a hint, a bad field), and nothing is run or logged', async () => {
    const dir = tempDir();
    const log = join(dir, 'session.jsonl');
    const s = await server({ log });
    await post(s, SYSTEM);
    const logBefore = readFileSync(log, 'utf8');
    const cases: Array<[string, RegExp]> = [
      ['not json', /invalid JSON/],
      ['', /invalid JSON/],
      ['[1, 2]', /expected a JSON object/],
      ['{"op": "sytem", "id": "X"}', /unknown op "sytem" \(did you mean "system"/],
      ['{"op": "pairCreate", "id": "P", "original": "S:V", "copy": "S:C"}', /missing field "kind"/],
      ['{"trace": 1}', /./],
    ];
    for (const [body, message] of cases) {
      const a = await post(s, body);
      expect(a.status, body).toBe(400);
      expect(a.json.error.code).toBe('TRACE_INVALID');
      expect(a.json.error.message).toMatch(message);
    }
    const notUtf8 = await fetch(`${s.url}/v1/requests`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` }, body: new Uint8Array([0x7b, 0xff, 0x7d]) });
    expect(notUtf8.status).toBe(400);
    expect(s.session.steps).toHaveLength(1);
    expect(readFileSync(log, 'utf8')).toBe(logBefore);
  });

  it('an oversized body is 413 and changes nothing; other paths are 404, other methods 405', async () => {
    const s = await server();
    await post(s, SYSTEM);
    const big = JSON.stringify({ op: 'write', system: 'S', volume: 'V', offset: 0, data: { text: 'x'.repeat(2 << 20) } });
    const a = await post(s, big);
    expect(a).toMatchObject({ status: 413, json: { error: { code: 'BODY_TOO_LARGE' } } });
    expect(s.session.steps).toHaveLength(1);
    expect((await get(s, '/v1/nothing')).status).toBe(404);
    expect((await fetch(`${s.url}/v1/nothing`)).status).toBe(401); // without the token not even the routes are told
    expect((await get(s, '/v1/requests')).status).toBe(405);
    const wrongMethod = await fetch(`${s.url}/v1/pairs`, { method: 'DELETE', headers: { authorization: `Bearer ${s.token}` } });
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'GET']);
    expect(s.session.steps).toHaveLength(1);
  });

  it('GET /v1/systems shows systems, RAID groups with failed and rebuilding devices, volumes and links', async () => {
    const s = await server();
    for (const op of SCENARIO) await post(s, op);
    const { json } = await get(s, '/v1/systems');
    expect(json.systems.map((x: { id: string }) => x.id)).toEqual(['S', 'T']);
    expect(json.systems[0].raidGroups[0]).toMatchObject({ id: 'RG', level: 'raid5', failed: [], rebuilding: [{ device: 1 }] });
    expect(json.volumes.map((v: { volume: string }) => v.volume)).toEqual(['S:DB', 'S:COPY', 'S:LOG', 'T:LOG-T']);
    expect(json.links).toEqual([{ between: ['S', 'T'], up: false }]);
    const pairs = (await get(s, '/v1/pairs')).json.pairs;
    expect(pairs.map((p: { pair: string; kind: string }) => `${p.kind}:${p.pair}`)).toEqual(['local:L', 'remote:R']);
  });
});

describe('remote terminal: events', () => {
  it('GET /v1/events sends one event per request the model ran (refusals too), none for a bad body', async () => {
    const s = await server();
    const controller = new AbortController();
    const res = await fetch(`${s.url}/v1/events`, { headers: { authorization: `Bearer ${s.token}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (done: () => boolean) => {
      while (!done()) text += decoder.decode((await reader.read()).value);
    };
    await until(() => text.includes('subscribed'));
    const answers = [await post(s, SYSTEM), await post(s, 'nonsense'), await post(s, volume('V')), await post(s, volume('V'))];
    expect(answers.map((a) => a.status)).toEqual([200, 400, 200, 200]);
    const events = () => text.split('\n\n').filter((e) => e.startsWith('id: '));
    await until(() => events().length >= 3);
    controller.abort();
    const data = events().map((e) => JSON.parse(e.split('\ndata: ')[1]!));
    expect(data).toEqual([answers[0]!.json, answers[2]!.json, answers[3]!.json]);
    expect(events().map((e) => e.split('\n')[0])).toEqual(['id: 2', 'id: 3', 'id: 4']);
    expect(data[2]).toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS' } });
  });
});

describe('remote terminal: loopback, token, resume', () => {
  it('only loopback addresses are accepted', async () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST']) expect(() => loopbackAddress(host), host).not.toThrow();
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.1', 'example.com', '127.1', '']) expect(() => loopbackAddress(host), host).toThrow(ServeRefusal);
    await expect(startServer({ host: '0.0.0.0' })).rejects.toThrow(/not a loopback address/);
  });

  it.concurrent('serve --host with a non-loopback address exits 2 with a clear message', async () => { // a subprocess: runs beside the resume test
    const { exited } = serveChild(['--host', '0.0.0.0']);
    const { code, stderr } = await exited;
    expect(code).toBe(2);
    expect(stderr).toMatch(/--host 0\.0\.0\.0 is not a loopback address/);
  });

  it('a token file gives the token; a short one is refused', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'token'), 'a-token-of-twenty-chars\n');
    writeFileSync(join(dir, 'short'), 'short\n');
    const s = await server({ token: readTokenFile(join(dir, 'token')) });
    expect(s.token).toBe('a-token-of-twenty-chars');
    expect((await get(s, '/v1/pairs')).status).toBe(200);
    expect(() => readTokenFile(join(dir, 'short'))).toThrow(/at least 16 characters/);
  });

  it('a log that holds a session is never overwritten: only "serve FILE --log FILE" resumes it', async () => {
    const dir = tempDir();
    const log = join(dir, 'session.jsonl');
    const s = await server({ log });
    await post(s, SYSTEM);
    await s.close();
    await expect(startServer({ log })).rejects.toThrow(/already holds a session/);
    const other = join(dir, 'other.jsonl');
    const copied = await server({ trace: log, log: other });
    expect(readFileSync(other, 'utf8')).toBe(readFileSync(log, 'utf8'));
    expect(copied.session.steps).toHaveLength(1);
  });

  it('a torn last line (killed mid-write, never answered) is cut off on resume', async () => {
    const dir = tempDir();
    const log = join(dir, 'session.jsonl');
    const s = await server({ log });
    await post(s, SYSTEM);
    await s.close();
    appendFileSync(log, '{"op": "volume", "system": "S", "id');
    const resumed = await server({ trace: log, log });
    expect(resumed.notes.join('\n')).toMatch(/line 3 was cut short/);
    expect((await post(resumed, volume('V'))).json).toMatchObject({ line: 3, ok: true });
    expect(logLines(log).map((l) => l.op ?? 'header')).toEqual(['header', 'system', 'volume']);
  });

  it.concurrent('a child server killed with SIGKILL resumes from its --log to the same /v1/pairs and /v1/systems', async () => {
    const dir = tempDir();
    const log = join(dir, 'session.jsonl');
    const first = serveChild(['--log', log]);
    const t = await first.started;
    for (const op of SCENARIO) expect((await post(t, op)).status).toBe(200);
    const before = await views(t);
    killGroup(first.child, 'SIGKILL');
    await first.exited;
    expect(logLines(log)).toHaveLength(1 + SCENARIO.length);

    const second = serveChild([log, '--log', log]);
    const t2 = await second.started;
    expect(t2.token).not.toBe(t.token);
    expect(await views(t2)).toEqual(before);
    expect((await post(t2, { op: 'settle' })).json).toMatchObject({ line: SCENARIO.length + 2, ok: true });
    const lines = logLines(log);
    expect(lines.filter((l) => 'trace' in l)).toHaveLength(1);
    expect(lines.at(-1)).toMatchObject({ op: 'settle' });
    killGroup(second.child, 'SIGTERM');
    await second.exited;
  });
});
