import * as assert from 'node:assert/strict';
import { EventDescriber } from '../../../../src/core/changes/event-describer';
import { readEventHeader } from '../../../../src/core/events/event';
import { EventBuffer, type BufferedEvent } from '../../../../src/core/events/event-buffer';
import { NameBook } from '../../../../src/core/names/name-book';

const MACHINE = 'e7fecfa5-1c0d-444d-b9df-fb07ab977110';
const JOB = '9f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';

function frame(type: string, action: string, key: string, principal: string, object: unknown, original: unknown = null): string {
  return `{"Time":"2026-11-28T03:52:19.35Z","Type":"${type}","Action":"${action}","Key":"${key}","Principal":"${principal}","Object":${JSON.stringify(object)},"Original":${JSON.stringify(original)}}`;
}

describe('EventDescriber', () => {
  let buffer: EventBuffer;
  let book: NameBook;
  let describer: EventDescriber;

  beforeEach(() => {
    buffer = new EventBuffer({ maxEvents: 100, maxBytes: 1e9 });
    book = new NameBook();
    describer = new EventDescriber(book, buffer);
  });

  function push(raw: string): BufferedEvent {
    const read = readEventHeader(raw);
    if (!read.ok) assert.fail(read.reason);
    return buffer.push(read.header, raw, ['*.*.*']);
  }

  it('describes a machine update by the machine’s name, its runner by name, and exactly the fields that changed', () => {
    const before = { Name: 'node-01', Uuid: MACHINE, Stage: 'discover', CurrentTask: 2 };
    const e = push(frame('machines', 'update', MACHINE, `runner:${MACHINE}`, { ...before, Stage: 'sledgehammer-wait', CurrentTask: 3 }, before));
    const d = describer.describe(e);
    assert.equal(d.name, 'node-01');
    assert.equal(d.principal, 'runner:node-01', 'the event’s own Name teaches the book its runner');
    assert.deepEqual(d.changes, [
      { field: 'Stage', from: 'discover', to: 'sledgehammer-wait' },
      { field: 'CurrentTask', from: '2', to: '3' },
    ]);
    assert.match(describer.line(e), /^\d\d:\d\d:\d\d\.\d{3} {2}machines\.update +node-01 +runner:node-01 +Stage discover → sledgehammer-wait · CurrentTask 2 → 3$/);
  });

  it('names a job by its machine and the task and state this event says, not the latest one', () => {
    book.learnList('machines', [{ Uuid: MACHINE, Name: 'node-01' }]);
    const created = push(frame('jobs', 'create', JOB, `runner:${MACHINE}`, { Uuid: JOB, Machine: MACHINE, Task: 'gohai', State: 'created' }));
    const job = { Uuid: JOB, Machine: MACHINE, Task: 'gohai', State: 'running' };
    const running = push(frame('jobs', 'update', JOB, `runner:${MACHINE}`, job, { ...job, State: 'created' }));
    book.learnFrame(running, running.raw);
    assert.equal(describer.describe(created).name, 'node-01 · gohai · created');
    assert.equal(describer.describe(running).name, 'node-01 · gohai · running');
    assert.equal(book.label('jobs', JOB), 'node-01 · gohai · running');
  });

  it('shows a name learnt after the event was first described', () => {
    const e = push(frame('jobs', 'create', JOB, `runner:${MACHINE}`, { Machine: MACHINE, Task: 'gohai', State: 'created' }));
    assert.equal(describer.describe(e).name, 'e7fecfa5 · gohai · created');
    assert.equal(describer.describe(e).principal, `runner:${MACHINE}`);
    let changed = 0;
    book.onDidChange(() => changed++);
    book.learnList('machines', [{ Uuid: MACHINE, Name: 'node-01' }]);
    assert.equal(changed, 1);
    assert.equal(describer.describe(e).name, 'node-01 · gohai · created');
    assert.equal(describer.describe(e).principal, 'runner:node-01');
  });

  it('names a machine event whose Object has no Name (a plugin action) from the book, and by its key before that', () => {
    const e = push(frame('machines', 'poweron', MACHINE, 'user:x', { Model: 'machines', Plugin: 'ipmi', Command: 'poweron', CommandSet: 'machines', Params: {} }));
    assert.equal(describer.describe(e).name, MACHINE);
    assert.equal(describer.nameOf(e), undefined);
    book.learnList('machines', [{ Uuid: MACHINE, Name: 'node-01' }]);
    assert.equal(describer.describe(e).name, 'node-01');
  });

  it('names leases and reservations by address and other objects by key, with no changes when there is no Original', () => {
    const lease = push(frame('leases', 'save', 'C0A87C65', 'dhcp', { Addr: '192.168.124.101' }));
    assert.deepEqual(describer.describe(lease), { name: '192.168.124.101', principal: 'dhcp' });
    const profile = push(frame('profiles', 'create', 'global', 'user:x', { Name: 'global' }));
    assert.equal(describer.nameOf(profile), 'global');
    assert.equal(describer.line(profile).endsWith('global                                user:x'), true, describer.line(profile));
  });

  it('describes a seq until it leaves the buffer, then answers undefined', () => {
    const small = new EventBuffer({ maxEvents: 1, maxBytes: 1e9 });
    const d = new EventDescriber(book, small);
    const first = small.push({ time: 't', type: 'profiles', action: 'update', key: 'a', principal: '' }, frame('profiles', 'update', 'a', '', { A: 2 }, { A: 1 }), ['x']);
    assert.deepEqual(d.describeSeq(first.seq)?.changes, [{ field: 'A', from: '1', to: '2' }]);
    small.push({ time: 't', type: 'profiles', action: 'update', key: 'b', principal: '' }, frame('profiles', 'update', 'b', '', {}, {}), ['x']);
    assert.equal(d.describeSeq(first.seq), undefined);
  });

  it('computes a summary once per event and keeps it (the same array on the next call)', () => {
    const e = push(frame('profiles', 'update', 'a', '', { A: 2 }, { A: 1 }));
    assert.equal(describer.describe(e).changes, describer.describe(e).changes);
  });

  it('describes bad frames with what it can, without throwing', () => {
    const buf = new EventBuffer({ maxEvents: 10, maxBytes: 1e9 });
    const d = new EventDescriber(book, buf);
    const header = { time: 't', type: 'machines', action: 'update', key: 'not-a-uuid', principal: 'runner:' };
    for (const raw of ['', '{', '{"Object":{"Name":', 'null', '{"Original":"x"}']) {
      const e = buf.push(header, raw, ['x']);
      const out = d.describe(e);
      assert.equal(out.name, 'not-a-uuid');
      assert.equal(out.principal, 'runner:');
      assert.equal(out.changes, undefined);
    }
  });
});
