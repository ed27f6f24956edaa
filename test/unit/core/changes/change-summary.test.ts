import * as assert from 'node:assert/strict';
import { ABSENT, FIELD_TEXT_LIMIT, formatChanges, HIDDEN, summarizeChanges } from '../../../../src/core/changes/change-summary';

/** A frame in the server's layout (docs/protocol.md §5.1). */
function frame(object: unknown, original: unknown, type = 'machines', action = 'update'): string {
  return `{"Time":"2026-11-28T03:52:19.35Z","Type":"${type}","Action":"${action}","Key":"k","Principal":"user:x","Object":${JSON.stringify(object)},"Original":${JSON.stringify(original)}}`;
}

describe('change-summary', () => {
  const before = { Name: 'node-01', Stage: 'discover', CurrentTask: 2, Runnable: false, Params: { a: 1, b: 2, c: 3 } };

  it('lists the top-level fields that differ, in the Object’s order, with from and to', () => {
    const after = { ...before, Stage: 'sledgehammer-wait', CurrentTask: 3, Runnable: true };
    assert.deepEqual(summarizeChanges(frame(after, before)), [
      { field: 'Stage', from: 'discover', to: 'sledgehammer-wait' },
      { field: 'CurrentTask', from: '2', to: '3' },
      { field: 'Runnable', from: 'false', to: 'true' },
    ]);
    assert.equal(formatChanges(summarizeChanges(frame(after, before))!), 'Stage discover → sledgehammer-wait · CurrentTask 2 → 3 · Runnable false → true');
  });

  it('summarises a nested object by how many of its members changed, were added or removed', () => {
    const after = { ...before, Params: { a: 1, b: 5, c: 3, d: 4 } };
    const changes = summarizeChanges(frame(after, before))!;
    assert.equal(changes.length, 1);
    assert.equal(changes[0].field, 'Params');
    assert.equal(changes[0].detail, '2 changed (+1)');
    assert.equal(formatChanges(changes), 'Params: 2 changed (+1)');
    const removed = summarizeChanges(frame({ ...before, Params: { a: 1 } }, before))!;
    assert.equal(removed[0].detail, '2 changed (−2)');
  });

  it('shows short arrays whole and long ones by their item counts', () => {
    const short = summarizeChanges(frame({ Tasks: ['a', 'b', 'c'] }, { Tasks: ['a', 'b'] }))!;
    assert.deepEqual(short, [{ field: 'Tasks', from: '["a","b"]', to: '["a","b","c"]' }]);
    const long = (n: number): string[] => Array.from({ length: n }, (_, i) => `task-with-a-long-name-${i}`);
    const grown = summarizeChanges(frame({ Tasks: long(7) }, { Tasks: long(5) }))!;
    assert.equal(formatChanges(grown), 'Tasks: 5 → 7 items');
    const edited = summarizeChanges(frame({ Tasks: [...long(4), 'other'] }, { Tasks: long(5) }))!;
    assert.equal(formatChanges(edited), 'Tasks: changed (5 items)');
  });

  it('names fields that were added or removed at the top level', () => {
    const changes = summarizeChanges(frame({ Name: 'n', New: 'x' }, { Name: 'n', Old: 1 }))!;
    assert.deepEqual(changes, [
      { field: 'New', from: ABSENT, to: 'x' },
      { field: 'Old', from: '1', to: ABSENT },
    ]);
  });

  it('never shows the values of a machine’s Secret or other secret-looking fields, only that they changed', () => {
    const changes = summarizeChanges(frame({ Name: 'n', Secret: 'new-secret-value', PasswordHash: 'bmV3', ApiToken: 'tok-value-1' }, { Name: 'n', Secret: 'old-secret-value', PasswordHash: 'b2xk' }))!;
    assert.deepEqual(changes, [
      { field: 'Secret', from: HIDDEN, to: HIDDEN, detail: 'changed' },
      { field: 'PasswordHash', from: HIDDEN, to: HIDDEN, detail: 'changed' },
      { field: 'ApiToken', from: ABSENT, to: HIDDEN },
    ]);
    const line = formatChanges(changes);
    for (const secret of ['new-secret-value', 'old-secret-value', 'bmV3', 'b2xk', 'tok-value-1']) assert.equal(line.includes(secret), false, line);
  });

  it('says no change for an update whose Object equals its Original (a no-op PUT)', () => {
    const changes = summarizeChanges(frame(before, before));
    assert.deepEqual(changes, []);
    assert.equal(formatChanges(changes!), 'no change');
  });

  it('has no summary when the Original is null (a create, or the save of a new object)', () => {
    assert.equal(summarizeChanges(frame(before, null, 'machines', 'save')), undefined);
  });

  it('shows the whole value when the Original is not an object', () => {
    const whole = JSON.stringify(before);
    assert.deepEqual(summarizeChanges(frame(before, 'oops')), [{ field: '', from: 'oops', to: `${whole.slice(0, FIELD_TEXT_LIMIT - 1)}…` }]);
    assert.equal(formatChanges(summarizeChanges(frame(5, 'oops'))!), 'oops → 5');
  });

  it('cuts every shown value at the field limit and keeps it on one line', () => {
    const long = 'x'.repeat(500);
    const [c] = summarizeChanges(frame({ Description: `line one\nline two ${long}` }, { Description: 'short' }))!;
    assert.equal(c.to.length, FIELD_TEXT_LIMIT);
    assert.ok(c.to.endsWith('…'));
    assert.ok(c.to.startsWith('line one ↵ line two x'), c.to);
    assert.equal(c.to.includes('\n'), false);
  });

  it('reports a 3 MB Params blob that changed as changed, quickly, without decoding it', () => {
    const big = (seed: string): Record<string, string> => Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`inventory/${i}`, `${seed}${'v'.repeat(1000)}`]));
    const raw = frame({ Name: 'n', Params: big('b') }, { Name: 'n', Params: big('a') });
    assert.ok(raw.length > 6_000_000);
    const started = performance.now();
    const changes = summarizeChanges(raw)!;
    const ms = performance.now() - started;
    assert.equal(formatChanges(changes), 'Params: changed');
    assert.match(changes[0].from, /^\{… 2\.\d MB\}$/);
    assert.ok(ms < 500, `took ${ms.toFixed(0)} ms`);
  });

  it('compares small values as JSON, so a recording written with other spacing or key order shows no false change', () => {
    const raw = '{"Time":"t","Type":"profiles","Action":"update","Key":"k","Principal":"",\n  "Object": {"Name":"n","Params":{"a":1,"b":2}},\n  "Original": {"Name" : "n", "Params":{"b":2, "a":1}}}';
    assert.deepEqual(summarizeChanges(raw), []);
  });

  it('never throws on text that is not an event: no summary', () => {
    for (const raw of ['', 'not json', '{"Object":{"a":1},"Original":{"a":', '{"Object":{"a":1},"Original":[1', '[]', '{"Original":{}}']) {
      assert.equal(summarizeChanges(raw), undefined, raw);
    }
  });

  it('lists the first eight changes on a line and counts the rest', () => {
    const obj = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`F${i}`, i]));
    const orig = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`F${i}`, i + 1]));
    const line = formatChanges(summarizeChanges(frame(obj, orig))!);
    assert.ok(line.endsWith('F7 8 → 7 · +2 more'), line);
  });
});
