import * as assert from 'node:assert/strict';
import type { EventHeader } from '../../../../src/core/events/event';
import { NameBook, type NameChange } from '../../../../src/core/names/name-book';
import { readNameFields } from '../../../../src/core/names/name-fields';

const MACHINE = 'e7fecfa5-1c0d-444d-b9df-fb07ab977110';
const JOB = '9f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';

function event(type: string, key: string, object: unknown, action = 'update', principal = 'user:x'): { header: EventHeader; raw: string } {
  const header = { time: '2026-11-28T03:52:19.35Z', type, action, key, principal };
  const raw = `{"Time":"${header.time}","Type":"${type}","Action":"${action}","Key":"${key}","Principal":"${principal}","Object":${JSON.stringify(object)},"Original":null}`;
  return { header, raw };
}

/** A v4 machine's leading fields, in the Go struct's order (docs/protocol.md §5.1). */
function machine(name: string | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Validated: true, Available: true, Errors: [], ReadOnly: false, Meta: { Name: 'not this one' }, Endpoint: '', ...(name === undefined ? {} : { Name: name }), Uuid: MACHINE, ...extra };
}

describe('name-fields', () => {
  it('reads a machine’s top-level Name, not a Name nested in Meta', () => {
    const e = event('machines', MACHINE, machine('node-01'));
    assert.deepEqual(readNameFields(e.raw, 'machines'), { kind: 'machine', name: 'node-01' });
  });

  it('reads a job’s Machine, Task and State, leaving out a zero machine UUID', () => {
    const e = event('jobs', JOB, { Uuid: JOB, Previous: '', Machine: MACHINE, Task: 'gohai', Stage: 'discover', State: 'running' });
    assert.deepEqual(readNameFields(e.raw, 'jobs'), { kind: 'job', facts: { machine: MACHINE, task: 'gohai', state: 'running' } });
    const zero = event('jobs', JOB, { Machine: '', Task: 't', State: 's' });
    assert.deepEqual(readNameFields(zero.raw, 'jobs'), { kind: 'job', facts: { machine: undefined, task: 't', state: 's' } });
  });

  it('finds nothing for an object without a name field, a null Object, or another type', () => {
    assert.equal(readNameFields(event('machines', MACHINE, machine(undefined)).raw, 'machines'), undefined);
    assert.equal(readNameFields(event('machines', MACHINE, null).raw, 'machines'), undefined);
    assert.equal(readNameFields(event('machines', MACHINE, { Name: 42 }).raw, 'machines'), undefined);
    assert.equal(readNameFields(event('profiles', 'global', { Name: 'global' }).raw, 'profiles'), undefined);
    assert.equal(readNameFields('not json', 'machines'), undefined);
  });

  it('reads frames in another layout too (a pretty-printed recording)', () => {
    const raw = JSON.stringify({ Type: 'machines', Object: { Name: 'node-02' }, Time: 't', Action: 'update', Key: MACHINE, Principal: '', Original: null }, null, 2);
    assert.deepEqual(readNameFields(raw, 'machines'), { kind: 'machine', name: 'node-02' });
  });

  it('does not read through a huge leading field to find a Name after it', () => {
    const e = event('machines', MACHINE, { Params: { blob: 'x'.repeat(200_000) }, Name: 'late' });
    assert.equal(readNameFields(e.raw, 'machines'), undefined);
  });
});

describe('NameBook', () => {
  it('labels a machine by the Name learnt from its event, and its key until then', () => {
    const book = new NameBook();
    assert.equal(book.label('machines', MACHINE), undefined);
    const e = event('machines', MACHINE, machine('node-01'));
    book.learnFrame(e.header, e.raw);
    assert.equal(book.label('machines', MACHINE), 'node-01');
  });

  it('names a job from its own event and its machine’s name, which may be learnt later', () => {
    const book = new NameBook();
    const j = event('jobs', JOB, { Uuid: JOB, Machine: MACHINE, Task: 'gohai', State: 'created' }, 'create', `runner:${MACHINE}`);
    book.learnFrame(j.header, j.raw);
    assert.equal(book.label('jobs', JOB), 'e7fecfa5 · gohai · created');
    const m = event('machines', MACHINE, machine('node-01'));
    book.learnFrame(m.header, m.raw);
    assert.equal(book.label('jobs', JOB), 'node-01 · gohai · created');
    const done = event('jobs', JOB, { Uuid: JOB, Machine: MACHINE, Task: 'gohai', State: 'finished' });
    book.learnFrame(done.header, done.raw);
    assert.equal(book.label('jobs', JOB), 'node-01 · gohai · finished');
  });

  it('shows a runner: or machine: principal with the machine’s name, other principals unchanged', () => {
    const book = new NameBook();
    assert.equal(book.principal(`runner:${MACHINE}`), `runner:${MACHINE}`);
    book.learnList('machines', [{ Uuid: MACHINE, Name: 'node-01' }]);
    assert.equal(book.principal(`runner:${MACHINE}`), 'runner:node-01');
    assert.equal(book.principal(`machine:${MACHINE}`), 'machine:node-01');
    assert.equal(book.principal('user:rocketskates'), 'user:rocketskates');
    assert.equal(book.principal(''), '');
  });

  it('labels leases and reservations by IPv4 address and every other type by its key', () => {
    const book = new NameBook();
    assert.equal(book.label('reservations', 'C0A87C65'), '192.168.124.101');
    assert.equal(book.label('leases', 'C0A87C66'), '192.168.124.102');
    assert.equal(book.label('leases', 'not-hex'), 'not-hex');
    assert.equal(book.label('profiles', 'global'), 'global');
    assert.equal(book.label('params', 'ipmi/enabled'), 'ipmi/enabled');
  });

  it('takes any key, not only UUIDs', () => {
    const book = new NameBook();
    const e = event('machines', 'odd key', machine('named'));
    book.learnFrame(e.header, e.raw);
    assert.equal(book.label('machines', 'odd key'), 'named');
  });

  it('fires onDidChange with what changed when a name is learnt or renamed, and not for a repeat', () => {
    const book = new NameBook();
    const seen: NameChange[][] = [];
    book.onDidChange((c) => seen.push([...c]));
    const e = event('machines', MACHINE, machine('node-01'));
    book.learnFrame(e.header, e.raw);
    book.learnFrame(e.header, e.raw);
    const renamed = event('machines', MACHINE, machine('node-01b'));
    book.learnFrame(renamed.header, renamed.raw);
    assert.deepEqual(seen, [[{ type: 'machines', key: MACHINE }], [{ type: 'machines', key: MACHINE }]]);
    assert.equal(book.label('machines', MACHINE), 'node-01b');
  });

  it('learns a REST list in one change event, skipping objects without a Uuid or Name', () => {
    const book = new NameBook();
    const seen: NameChange[][] = [];
    book.onDidChange((c) => seen.push([...c]));
    const learnt = book.learnList('machines', [{ Uuid: 'a', Name: 'one' }, { Uuid: 'b' }, { Name: 'orphan' }, null, 'text', { Uuid: 'c', Name: 'three' }]);
    assert.equal(learnt, 2);
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0].map((c) => c.key), ['a', 'c']);
  });

  it('keeps a name it knows when an old event offers another (learnMachineIfUnknown)', () => {
    const book = new NameBook();
    book.learnList('machines', [{ Uuid: MACHINE, Name: 'current' }]);
    book.learnMachineIfUnknown(MACHINE, 'old');
    assert.equal(book.machineName(MACHINE), 'current');
    book.learnMachineIfUnknown('other', 'first');
    assert.equal(book.machineName('other'), 'first');
  });

  it('forgets the oldest names past its limits, falling back to the key', () => {
    const book = new NameBook({ machines: 2, jobs: 2 });
    book.learnList('machines', [{ Uuid: 'a', Name: '1' }, { Uuid: 'b', Name: '2' }, { Uuid: 'c', Name: '3' }]);
    assert.equal(book.machineCount, 2);
    assert.equal(book.label('machines', 'a'), undefined);
    assert.equal(book.label('machines', 'c'), '3');
    book.learnList('jobs', [{ Uuid: 'j1', Task: 't' }, { Uuid: 'j2', Task: 't' }]);
    // j1 moves on, so j2 is now the oldest.
    book.learnList('jobs', [{ Uuid: 'j1', Task: 't', State: 'running' }, { Uuid: 'j3', Task: 't' }]);
    assert.equal(book.job('j2'), undefined);
    assert.deepEqual(book.job('j1'), { machine: undefined, task: 't', state: 'running' });
  });

  it('ignores events of other types and unreadable frames without throwing', () => {
    const book = new NameBook();
    book.learnFrame(event('profiles', 'global', { Name: 'global' }).header, 'anything');
    book.learnFrame(event('machines', MACHINE, null).header, '{"Object":');
    assert.equal(book.machineCount, 0);
  });
});
