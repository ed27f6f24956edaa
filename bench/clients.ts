// The three receivers the benchmark compares, all on the same TLS socket setup (the core's
// createVerifiedConnection with the simulator's pinned fingerprint) and the same filter:
//   bare      `ws` that only counts messages: the ceiling of TLS + websocket on this machine
//   parse     the naive client: JSON.parse every frame and keep the parsed objects
//   pipeline  what the extension runs: DrpConnection → readEventHeader →
//             FilterRegistry.countMatches → EventBuffer.push (inside EventStream) and the
//             display names learnt per event (NameBook.learnFrame), then per ~100 ms batch the
//             output lines with names and change summaries (EventDescriber.line) and table rows (toRow)
//
// Every client reports when its n-th event is done and, when asked, a latency sample per
// event: monotonic now minus the send stamp the simulator child wrote into the Principal.

import WebSocket from 'ws';
import { authorizationHeader, type Credential } from '../src/core/endpoint/credentials';
import { DrpConnection } from '../src/core/connection/connection';
import { EventBuffer } from '../src/core/events/event-buffer';
import { EventStream } from '../src/core/events/event-stream';
import { FilterRegistry } from '../src/core/filters/filter-registry';
import { EventDescriber } from '../src/core/changes/event-describer';
import { NameBook } from '../src/core/names/name-book';
import { toRow } from '../src/core/table/table-row';
import { createVerifiedConnection, type TlsTrust } from '../src/core/endpoint/tls-trust';
import { SENT_PREFIX, type SimEndpoint } from './sim-process';

export type ClientKind = 'bare' | 'parse' | 'pipeline';

/** The simulator's built-in test account (test/sim/auth.ts), not a real credential. */
const SIM_CREDENTIAL: Credential = { kind: 'basic', username: 'rocketskates', password: 'r0cketsk8ts' };
// Every event: the small flood replays observed profiles/params updates, the others are machines.
const FILTER = '*.*.*';

export interface ClientOptions {
  /** Record one latency sample (ms) per event from its send stamp. */
  latency?: boolean;
  /** Pipeline buffer limits; the extension's defaults unless a test needs more. */
  maxEvents?: number;
  maxBytes?: number;
}

export interface Finish {
  /** Milliseconds from the first event to the n-th event fully handled. */
  elapsedMs: number;
  /** Characters of event text received (sum of raw.length; bytes for ASCII frames). */
  chars: number;
}

export interface BenchClient {
  readonly kind: ClientKind;
  readonly latencies: number[];
  /** Resolves once `n` events (acks excluded) have been handled. */
  whenEvents(n: number): Promise<Finish>;
  /** The pipeline's buffer (undefined for the other kinds). */
  readonly buffer?: EventBuffer;
  close(): Promise<void>;
}

export function connectClient(kind: ClientKind, sim: SimEndpoint, options: ClientOptions = {}): Promise<BenchClient> {
  const trust: TlsTrust = { mode: 'pinned', fingerprint256: sim.fingerprint256 };
  return kind === 'pipeline' ? connectPipeline(sim, trust, options) : connectRaw(kind, sim, trust, options);
}

/** Resolves a promise when a counter reaches its target. */
class Target {
  private want = Infinity;
  private resolve: ((f: Finish) => void) | undefined;
  set(n: number, resolve: (f: Finish) => void): void {
    this.want = n;
    this.resolve = resolve;
  }
  reached(count: number): boolean {
    return count >= this.want;
  }
  done(f: Finish): void {
    this.want = Infinity;
    this.resolve?.(f);
  }
}

/** The send stamp in a Principal (`sent=<ns>;…`), as a number of ms on the monotonic clock. */
function stampMs(principal: string): number {
  const end = principal.indexOf(';');
  return Number(BigInt(principal.slice(SENT_PREFIX.length, end))) / 1e6;
}

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

const STAMP_MARK = Buffer.from(`"Principal":"${SENT_PREFIX}`);

async function connectRaw(kind: 'bare' | 'parse', sim: SimEndpoint, trust: TlsTrust, options: ClientOptions): Promise<BenchClient> {
  const ws = new WebSocket(sim.wsUrl, {
    headers: { Authorization: authorizationHeader(SIM_CREDENTIAL) },
    createConnection: createVerifiedConnection(trust) as never,
    perMessageDeflate: false,
    maxPayload: 64 * 1024 * 1024,
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  // The ack of our register is the first frame; events start after it.
  const acked = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  ws.send(`register ${FILTER}`);
  await acked;

  const latencies: number[] = [];
  const kept: unknown[] = [];
  const target = new Target();
  let count = 0;
  let chars = 0;
  let firstAt = 0;
  ws.on('message', (data: Buffer) => {
    const at = options.latency ? nowMs() : 0;
    if (kind === 'parse') {
      const raw = data.toString('utf8');
      kept.push(JSON.parse(raw));
      chars += raw.length;
    } else {
      chars += data.length;
    }
    if (options.latency) {
      // Read the stamp straight from the bytes so the bare client stays a bare client.
      const from = data.indexOf(STAMP_MARK) + STAMP_MARK.length;
      const to = data.indexOf(59 /* ; */, from);
      latencies.push(at - Number(BigInt(data.toString('latin1', from, to))) / 1e6);
    }
    if (++count === 1) firstAt = performance.now();
    if (target.reached(count)) target.done({ elapsedMs: performance.now() - firstAt, chars });
  });
  return {
    kind,
    latencies,
    whenEvents: (n) => new Promise((resolve) => (count >= n ? resolve({ elapsedMs: performance.now() - firstAt, chars }) : target.set(n, resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close(1000);
      }),
  };
}

async function connectPipeline(sim: SimEndpoint, trust: TlsTrust, options: ClientOptions): Promise<BenchClient> {
  const connection = new DrpConnection({ wsUrl: sim.wsUrl, credential: async () => SIM_CREDENTIAL, trust });
  const registry = new FilterRegistry();
  const buffer = new EventBuffer({ maxEvents: options.maxEvents ?? 20_000, maxBytes: options.maxBytes ?? 256 * 1024 * 1024 });
  const stream = new EventStream({ registry, buffer });
  // As the extension wires them (src/extension.ts): names learnt as each event arrives,
  // lines described per batch.
  const names = new NameBook();
  const describer = new EventDescriber(names, buffer);
  stream.onDidReceive((e) => names.learnFrame(e, e.raw));
  stream.attach(connection);
  stream.addFilter(FILTER);
  const active = new Promise<void>((resolve) => {
    const sub = registry.onDidChange(() => {
      if (registry.filters()[0]?.state !== 'active') return;
      sub.dispose();
      resolve();
    });
  });
  connection.connect();
  await active;

  const latencies: number[] = [];
  const target = new Target();
  let chars = 0;
  let firstAt = 0;
  let lastOutput = '';
  let rows = 0;
  if (options.latency) {
    // onDidReceive fires right after EventBuffer.push: the moment an event is buffered.
    stream.onDidReceive((e) => latencies.push(nowMs() - stampMs(e.principal)));
  }
  stream.onDidAppend((batch) => {
    // The extension's per-batch UI work: one output append of every line, and table rows.
    const started = performance.now();
    const lines = new Array<string>(batch.length);
    for (let i = 0; i < batch.length; i++) {
      lines[i] = describer.line(batch[i]);
      if (toRow(batch[i]).seq > 0) rows++;
      chars += batch[i].raw.length;
    }
    lastOutput = lines.join('\n');
    const formatMs = performance.now() - started;
    if (firstAt === 0) firstAt = batch[0].receivedAt;
    const last = batch[batch.length - 1];
    // Events land in ~100 ms batches, so the time the last batch waited on its timer is not
    // work: the run ends when the n-th event arrived plus the formatting of its batch.
    if (target.reached(rows)) target.done({ elapsedMs: last.receivedAt - firstAt + formatMs, chars });
  });
  return {
    kind: 'pipeline',
    latencies,
    buffer,
    whenEvents: (n) => new Promise((resolve) => target.set(n, resolve)),
    close: async () => {
      if (lastOutput.length === 0 && rows > 0) throw new Error('The pipeline formatted no output lines.');
      const closed = new Promise<void>((resolve) => {
        const sub = connection.onDidChangeState((s) => {
          if (s.state !== 'closed') return;
          sub.dispose();
          resolve();
        });
      });
      connection.disconnect();
      await closed;
      stream.dispose();
      connection.dispose();
    },
  };
}
