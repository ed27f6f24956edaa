import assert from 'node:assert/strict';
import { Emitter } from '../../../../src/core/emitter';
import { EventBuffer, type BufferedEvent } from '../../../../src/core/events/event-buffer';
import { TableSession, type TableCommand, type TableSessionOptions, type TableSource, type TableSourceStats } from '../../../../src/core/table/table-session';
import type { HostMessage } from '../../../../src/core/table/webview-messages';
import { ManualClock } from '../../support/manual-clock';

// The real buffer, with a shorthand that builds an update frame for a key.
class TestBuffer extends EventBuffer {
  constructor(maxEvents: number) {
    super({ maxEvents, maxBytes: Number.MAX_SAFE_INTEGER });
  }
  add(type: string, key: string): BufferedEvent {
    const raw = `{"Time":"2026-11-28T03:52:16Z","Type":"${type}","Action":"update","Key":"${key}","Principal":"p","Object":{},"Original":null}`;
    return this.push({ time: '2026-11-28T03:52:16Z', type, action: 'update', key, principal: 'p' }, raw, [`${type}.*.*`]);
  }
}

/** A stream shaped like EventStream: appends are held while paused and released on resume. */
class FakeSource implements TableSource {
  readonly buffer: TestBuffer;
  private readonly appendEmitter = new Emitter<readonly BufferedEvent[]>();
  private readonly clearEmitter = new Emitter<void>();
  private readonly pausedEmitter = new Emitter<boolean>();
  readonly onDidAppend = this.appendEmitter.event;
  readonly onDidClear = this.clearEmitter.event;
  readonly onDidChangePaused = this.pausedEmitter.event;
  paused = false;
  private heldEvents: BufferedEvent[] = [];
  commands: TableCommand[] = [];
  failCommands = false;
  constructor(max = 1000) {
    this.buffer = new TestBuffer(max);
  }
  get held(): number {
    return this.heldEvents.length;
  }
  receive(...keys: string[]): void {
    const events = keys.map((k) => this.buffer.add(k.split('-')[0], k));
    if (this.paused) this.heldEvents.push(...events);
    else this.appendEmitter.fire(events);
  }
  pause(): void {
    this.paused = true;
    this.pausedEmitter.fire(true);
  }
  resume(): void {
    this.paused = false;
    const held = this.heldEvents;
    this.heldEvents = [];
    this.pausedEmitter.fire(false);
    this.appendEmitter.fire(held);
  }
  clear(): void {
    this.buffer.clear();
    this.clearEmitter.fire();
  }
  stats(): TableSourceStats {
    return { received: this.buffer.lastSeq, size: this.buffer.size, maxEvents: 1000, dropped: 0, connection: 'Connected' };
  }
  runCommand(command: TableCommand): Promise<void> {
    this.commands.push(command);
    return this.failCommands ? Promise.reject(new Error('The event left the buffer. Export it before it is dropped.')) : Promise.resolve();
  }
}

/** Collects what the session posts. */
class Page {
  readonly posted: HostMessage[] = [];
  readonly post = (m: HostMessage): void => {
    this.posted.push(m);
  };
  last<T extends HostMessage['type']>(type: T): Extract<HostMessage, { type: T }> | undefined {
    return [...this.posted].reverse().find((m) => m.type === type) as Extract<HostMessage, { type: T }> | undefined;
  }
  all<T extends HostMessage['type']>(type: T): Extract<HostMessage, { type: T }>[] {
    return this.posted.filter((m) => m.type === type) as Extract<HostMessage, { type: T }>[];
  }
}

const BATCH_MS = 5;

describe('table-session', () => {
  let sessions: TableSession[] = [];
  // The session's timers run on a clock the test moves, so "not yet" and "never" are exact.
  const open = (source: FakeSource, options: Partial<TableSessionOptions> = {}) => {
    const page = new Page();
    const clock = new ManualClock();
    const errors: string[] = [];
    let errorShown: (m: string) => void = () => undefined;
    const nextError = new Promise<string>((resolve) => (errorShown = resolve));
    const showError = (m: string): void => {
      errors.push(m);
      errorShown(m);
    };
    const session = new TableSession(source, { post: page.post, showError, batchMs: BATCH_MS, statsMs: 60_000, clock, ...options });
    sessions.push(session);
    return { page, session, clock, errors, nextError };
  };
  afterEach(() => {
    for (const s of sessions) s.dispose();
    sessions = [];
  });

  it('posts nothing until the page is ready, then a reset with the whole buffer', () => {
    const source = new FakeSource();
    source.receive('machines-1', 'jobs-2');
    const { page, session } = open(source);
    source.receive('machines-3');
    assert.equal(page.posted.length, 0);
    session.receive({ type: 'ready' });
    const reset = page.last('reset');
    assert.ok(reset);
    assert.equal(reset.count, 3);
    assert.deepEqual(page.last('facets'), { type: 'facets', types: ['jobs', 'machines'], actions: ['update'] });
    assert.equal(page.last('stats')?.size, 3);
  });

  it('coalesces appends into one changed message per batch tick, carrying the newest rows', () => {
    const source = new FakeSource();
    const { page, session, clock } = open(source);
    session.receive({ type: 'ready' });
    source.receive('machines-1');
    clock.advance(BATCH_MS - 1);
    source.receive('machines-2', 'machines-3');
    assert.deepEqual(page.all('changed'), [], 'nothing before the tick');
    clock.advance(1);
    const [m, ...more] = page.all('changed');
    assert.ok(m);
    assert.deepEqual(more, []);
    assert.equal(m.added, 3);
    assert.equal(m.count, 3);
    assert.equal(m.tailStart, 0);
    assert.deepEqual(m.tail.map((r) => r.key), ['machines-1', 'machines-2', 'machines-3']);
    clock.advance(BATCH_MS * 10);
    assert.equal(page.all('changed').length, 1, 'no change, no post');
  });

  it('follows every changed message with stats for the same moment, so the counters agree with the rows', () => {
    const source = new FakeSource();
    const { page, session, clock } = open(source); // statsMs is a minute: no sample interferes
    session.receive({ type: 'ready' });
    for (const batch of [['machines-1', 'machines-2'], ['machines-3']]) {
      source.receive(...batch);
      clock.advance(BATCH_MS);
      const last = page.posted.at(-1);
      const before = page.posted.at(-2);
      assert.equal(before?.type, 'changed');
      assert.equal(last?.type, 'stats');
      assert.equal(last.type === 'stats' && before.type === 'changed' && last.size === before.count, true, 'buffered equals the rows of this batch');
    }
  });

  it('answers row requests for the current view and empties stale ones', () => {
    const source = new FakeSource();
    source.receive('a-1', 'a-2', 'a-3', 'a-4');
    const { page, session } = open(source);
    session.receive({ type: 'ready' });
    const version = page.last('reset')!.version;
    session.receive({ type: 'requestRows', id: 7, version, start: 1, count: 2 });
    assert.deepEqual(page.last('rows')?.rows.map((r) => r.key), ['a-2', 'a-3']);
    session.receive({ type: 'requestRows', id: 8, version: version - 1, start: 0, count: 2 });
    assert.deepEqual(page.last('rows'), { type: 'rows', id: 8, version, start: 0, rows: [] });
  });

  it('narrows the view on a query and says so with a new reset', () => {
    const source = new FakeSource();
    source.receive('machines-1', 'jobs-2', 'machines-3');
    const { page, session } = open(source);
    session.receive({ type: 'ready' });
    const before = page.last('reset')!.version;
    session.receive({ type: 'query', query: { text: 'JOBS', types: [], actions: [] } });
    const reset = page.last('reset')!;
    assert.ok(reset.version > before);
    assert.equal(reset.count, 1);
    assert.deepEqual(reset.query, { text: 'JOBS', types: [], actions: [] });
  });

  it('shows a query a command asked for, over the page\'s saved one, whether the page is ready yet or not', () => {
    const source = new FakeSource();
    source.receive('machines-1', 'jobs-2', 'machines-3');
    const { page, session } = open(source);
    const wanted = { text: 'machines-3', types: ['machines'], actions: [] };
    session.showQuery(wanted);
    assert.equal(page.posted.length, 0, 'nothing before the page is ready');
    session.receive({ type: 'ready', query: { text: 'jobs', types: [], actions: [] } });
    assert.deepEqual(page.last('reset')?.query, wanted);
    assert.equal(page.last('reset')?.count, 1);
    // Once ready, a new request applies at once; a later reload keeps what the page then saved.
    session.showQuery({ text: '', types: ['jobs'], actions: [] });
    assert.equal(page.last('reset')?.count, 1);
    assert.deepEqual(page.last('reset')?.query.types, ['jobs']);
    session.receive({ type: 'ready', query: { text: '', types: ['machines'], actions: [] } });
    assert.equal(page.last('reset')?.count, 2);
  });

  it('posts nothing while hidden and catches up in one rebuild when shown again', () => {
    const source = new FakeSource();
    const { page, session, clock } = open(source);
    session.receive({ type: 'ready' });
    session.setVisible(false);
    const posts = page.posted.length;
    source.receive('m-1', 'm-2');
    clock.advance(BATCH_MS * 10); // ten batch ticks (and no stats tick): nothing may be posted
    assert.equal(page.posted.length, posts);
    session.setVisible(true);
    session.receive({ type: 'ready' }); // the reloaded page
    assert.equal(page.last('reset')?.count, 2);
  });

  it('keeps events held while paused out of a rebuild until resume releases them', () => {
    const source = new FakeSource();
    source.receive('m-1');
    const { page, session, clock } = open(source);
    session.receive({ type: 'pause' });
    source.receive('m-2', 'm-3');
    session.receive({ type: 'ready' });
    assert.equal(page.last('reset')?.count, 1);
    assert.deepEqual({ paused: page.last('stats')?.paused, held: page.last('stats')?.held }, { paused: true, held: 2 });
    session.receive({ type: 'resume' });
    clock.advance(BATCH_MS);
    assert.equal(page.last('changed')?.count, 3);
  });

  it('resets to an empty view when the buffer is cleared', () => {
    const source = new FakeSource();
    source.receive('m-1', 'm-2');
    const { page, session } = open(source);
    session.receive({ type: 'ready' });
    session.receive({ type: 'clear' });
    assert.equal(page.last('reset')?.count, 0);
  });

  it('exports the view as its seqs, and shows a failed command as an error sentence', async () => {
    const source = new FakeSource();
    source.receive('machines-1', 'jobs-2', 'machines-3');
    const { session, errors, nextError } = open(source);
    session.receive({ type: 'ready', query: { text: '', types: ['machines'], actions: [] } });
    session.receive({ type: 'export', scope: 'view' });
    session.receive({ type: 'open', seq: 2, what: 'diff' });
    session.receive({ type: 'open', seq: 3, what: 'object', preserveFocus: true });
    assert.deepEqual(source.commands, [
      { kind: 'export', scope: 'view', seqs: [1, 3] },
      { kind: 'open', seq: 2, what: 'diff', preserveFocus: false },
      { kind: 'open', seq: 3, what: 'object', preserveFocus: true },
    ]);
    source.failCommands = true;
    session.receive({ type: 'open', seq: 1, what: 'object' });
    assert.equal(await nextError, 'The event left the buffer. Export it before it is dropped.');
    assert.deepEqual(errors, ['The event left the buffer. Export it before it is dropped.']);
  });

  it('reports rows evicted from the buffer front as removed', () => {
    const source = new FakeSource(3);
    source.receive('m-1', 'm-2', 'm-3');
    const { page, session, clock } = open(source);
    session.receive({ type: 'ready' });
    source.receive('m-4', 'm-5');
    clock.advance(BATCH_MS);
    const m = page.last('changed');
    assert.ok(m);
    assert.deepEqual({ removed: m.removed, added: m.added, first: m.first, count: m.count }, { removed: 2, added: 2, first: 2, count: 3 });
  });

  it('samples the receive rate once per stats interval, in events per second of the clock', () => {
    const source = new FakeSource();
    const { page, session, clock } = open(source, { statsMs: 1000 });
    session.receive({ type: 'ready' });
    source.receive('m-1', 'm-2', 'm-3');
    clock.advance(999);
    assert.deepEqual(page.last('stats')?.rate, [], 'no sample before the interval');
    clock.advance(1);
    assert.deepEqual(page.last('stats')?.rate, [3]);
    source.receive('m-4');
    clock.advance(1000);
    assert.deepEqual(page.last('stats')?.rate, [3, 1]);
  });

  it('stops its timers on dispose', () => {
    const source = new FakeSource();
    const { session, clock } = open(source);
    session.receive({ type: 'ready' });
    source.receive('m-1');
    assert.equal(clock.pending, 2, 'the stats interval and a batch tick');
    session.dispose();
    assert.equal(clock.pending, 0);
  });

  it('ignores malformed messages from the page', () => {
    const source = new FakeSource();
    const { page, session } = open(source);
    session.receive({ type: 'ready' });
    const n = page.posted.length;
    session.receive({ type: 'requestRows', id: 'x' });
    session.receive('<img src=x onerror=alert(1)>');
    assert.equal(page.posted.length, n);
    assert.deepEqual(source.commands, []);
  });
});
