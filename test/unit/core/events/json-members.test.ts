import * as assert from 'node:assert/strict';
import { eventObjectSpans, objectValueStart, originalEqualsObject, readMembers, skipValue, valueKind } from '../../../../src/core/events/json-members';

function spanText(text: string, s: { start: number; end: number }): string {
  return text.slice(s.start, s.end);
}

describe('json-members', () => {
  it('skips every kind of value to the character after it', () => {
    const cases = ['"a\\"b"', '12.5e3', 'true', 'null', '{"a":[1,{"b":"}"}]}', '[[],{},"]"]', '"\\\\"'];
    for (const v of cases) assert.equal(skipValue(`${v},x`, 0), v.length, v);
  });

  it('answers -1 for text that is not a value, an unclosed string or brackets that do not pair', () => {
    for (const v of ['', '"open', '{"a":1', '[1,2}', '}', ':']) assert.equal(skipValue(v, 0), -1, JSON.stringify(v));
  });

  it('reads an object’s members as spans of the text, with escaped keys decoded and whitespace allowed', () => {
    const text = '{ "a" : 1 , "b\\u0041":{"x":[1,2]},\n "c":"s" }';
    const read = readMembers(text, 0);
    assert.ok(read);
    assert.deepEqual(read.members.map((m) => [m.key, spanText(text, m)]), [['a', '1'], ['bA', '{"x":[1,2]}'], ['c', '"s"']]);
    assert.equal(read.end, text.length);
  });

  it('stops after the member stopWhen accepts, without reading the rest', () => {
    const text = '{"a":1,"b":2,"c":[broken';
    const read = readMembers(text, 0, { stopWhen: (m) => m.key === 'b' });
    assert.deepEqual(read?.members.map((m) => m.key), ['a', 'b']);
    assert.equal(read?.end, -1);
  });

  it('gives up on a value that runs past the limit', () => {
    const text = `{"a":1,"big":"${'x'.repeat(1000)}"}`;
    assert.equal(readMembers(text, 0, { limit: 100 }), undefined);
  });

  it('finds an event’s Object and Original with their members in one read, and a null Original as null', () => {
    const raw = JSON.stringify({ Time: 't', Type: 'machines', Action: 'update', Key: 'k', Principal: '', Object: { Name: 'n', A: 1 }, Original: null });
    const spans = eventObjectSpans(raw);
    assert.deepEqual(spans?.object?.members?.map((m) => m.key), ['Name', 'A']);
    assert.ok(spans?.original);
    assert.equal(valueKind(raw, spans.original), 'null');
    assert.equal(spans.original.members, undefined);
  });

  it('answers undefined for a frame that is not an object', () => {
    assert.equal(eventObjectSpans('[1,2]'), undefined);
    assert.equal(eventObjectSpans('{"Object":'), undefined);
  });

  it('finds the Object of a frame in the server’s layout directly, and refuses any other layout', () => {
    const raw = '{"Time":"t","Type":"x","Action":"a","Key":"k,\\"Object\\":","Principal":"","Object":{"A":1},"Original":null}';
    assert.equal(raw.slice(objectValueStart(raw), objectValueStart(raw) + 7), '{"A":1}');
    assert.equal(objectValueStart('{"Original":{"Object":1},"Object":2}'), -1);
    assert.equal(objectValueStart('{ "Object": 1 }'), -1);
    assert.equal(objectValueStart('[]'), -1);
  });

  it('tells an Original equal to its Object from one that differs, by comparing the halves', () => {
    const frame = (o: string, p: string): string => `{"Time":"t","Type":"x","Action":"update","Key":"k","Principal":"","Object":${o},"Original":${p}}`;
    assert.equal(originalEqualsObject(frame('{"A":1,"B":[2]}', '{"A":1,"B":[2]}')), true);
    assert.equal(originalEqualsObject(frame('{"A":1,"B":[2]}', '{"A":1,"B":[3]}')), false);
    assert.equal(originalEqualsObject(frame('{"A":1}', '{"A":12}')), false);
    assert.equal(originalEqualsObject(frame('null', 'null')), false);
    // The Original text appearing inside the Object does not fool it.
    assert.equal(originalEqualsObject(frame('{"S":",\\"Original\\":"}', '{}')), false);
  });
});
