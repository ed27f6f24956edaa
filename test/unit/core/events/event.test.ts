import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MAX_EVENT_BYTES,
  eventObjectText,
  parseEvent,
  readEventHeader,
  readEventHeaderFast,
  readEventHeaderSlow,
  type EventHeader,
} from '../../../../src/core/events/event';

// The unit runner runs from the repo root.
function fixtureLines(name: string): string[] {
  return readFileSync(join(process.cwd(), 'test/fixtures', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

function header(raw: string): EventHeader {
  const read = readEventHeader(raw);
  if (!read.ok) assert.fail(`expected a header, got: ${read.reason}`);
  return read.header;
}
function reason(raw: string): string {
  const read = readEventHeader(raw);
  if (read.ok) assert.fail(`expected a rejection of ${raw.slice(0, 60)}`);
  return read.reason;
}

const ACK = '{"Time":"2026-11-28T03:52:16.862847807Z","Type":"websocket","Action":"register","Key":"profiles.*.*","Principal":"","Object":null,"Original":null}';

describe('readEventHeader', () => {
  it('reads the five header fields of a server frame', () => {
    assert.deepEqual(header(ACK), {
      time: '2026-11-28T03:52:16.862847807Z',
      type: 'websocket',
      action: 'register',
      key: 'profiles.*.*',
      principal: '',
    });
  });

  for (const name of ['events-v3-observed.jsonl', 'events-v4-sample.jsonl']) {
    it(`gives the same header on the fast path and the full parse for every frame of ${name}`, () => {
      const lines = fixtureLines(name);
      assert.ok(lines.length >= 10);
      for (const raw of lines) {
        const slow = readEventHeaderSlow(raw);
        assert.ok(slow.ok, raw.slice(0, 80));
        const fast = readEventHeaderFast(raw);
        assert.ok(fast, `the fast path gave up on ${raw.slice(0, 80)}`);
        assert.deepEqual(fast, slow.header);
        assert.deepEqual(readEventHeader(raw), slow);
      }
    });
  }

  it('decodes escaped values (Go writes <, >, & as \\u003c… and quotes as \\")', () => {
    const raw = '{"Time":"t","Type":"beeblebrox","Action":"created","Key":"a\\u003cb\\u003e\\u0026\\"q\\"\\\\","Principal":"user:x","Object":{},"Original":null}';
    assert.ok(readEventHeaderFast(raw), 'escapes stay on the fast path');
    assert.equal(header(raw).key, 'a<b>&"q"\\');
    assert.deepEqual(readEventHeader(raw), readEventHeaderSlow(raw));
  });

  it('does not end a value at an escaped quote', () => {
    const raw = '{"Time":"t","Type":"x","Action":"y","Key":"\\",\\"Principal\\":\\"","Principal":"p","Object":null,"Original":null}';
    assert.deepEqual(header(raw), { time: 't', type: 'x', action: 'y', key: '","Principal":"', principal: 'p' });
  });

  it('falls back to a full parse for another key order or extra whitespace', () => {
    const reordered = '{"Type":"jobs","Time":"t","Action":"create","Key":"k","Principal":"p","Object":null,"Original":null}';
    assert.equal(readEventHeaderFast(reordered), undefined);
    assert.equal(header(reordered).type, 'jobs');
    const spaced = '{ "Time": "t", "Type": "jobs", "Action": "create", "Key": "k", "Principal": "p", "Object": null, "Original": null }\n';
    assert.deepEqual(header(spaced), { time: 't', type: 'jobs', action: 'create', key: 'k', principal: 'p' });
    const pretty = JSON.stringify(JSON.parse(ACK), null, 2);
    assert.deepEqual(header(pretty), header(ACK));
  });

  it('does not trust the fast path when Object does not follow Principal', () => {
    const raw = '{"Time":"t","Type":"x","Action":"y","Key":"k","Principal":"p","Original":null}';
    assert.equal(reason(raw), 'missing Object');
  });

  it('rejects frames that are not DRP events with a short reason', () => {
    assert.equal(reason('not json'), 'not JSON');
    assert.equal(reason('{"Time":"t","Type":"x"'), 'not JSON');
    assert.equal(reason('[1,2]'), 'not a JSON object');
    assert.equal(reason('null'), 'not a JSON object');
    assert.equal(reason('{"Time":"t","Type":"x","Action":"y","Principal":"p","Object":null,"Original":null}'), 'missing Key');
    assert.equal(reason('{"Time":"t","Type":7,"Action":"y","Key":"k","Principal":"p","Object":null,"Original":null}'), 'Type is not a string');
    assert.equal(reason('{"Time":"t","Type":"x","Action":"y","Key":"k","Principal":null,"Object":null,"Original":null}'), 'Principal is not a string');
    assert.equal(reason(''), 'not JSON');
    assert.equal(reason(42 as unknown as string), 'not text');
  });

  it('rejects a raw control character inside a value (invalid JSON) instead of returning it', () => {
    assert.equal(reason('{"Time":"t","Type":"x\ny","Action":"y","Key":"k","Principal":"p","Object":null,"Original":null}'), 'not JSON');
  });

  it('refuses a frame over MAX_EVENT_BYTES before parsing', () => {
    const big = '{"Time":"t","Type":"x","Action":"y","Key":"k","Principal":"p","Object":"' + 'a'.repeat(MAX_EVENT_BYTES) + '","Original":null}';
    assert.match(reason(big), /^frame is 16 MB, over the 16 MB limit$/);
    assert.throws(() => parseEvent(big), /cannot be opened: the frame is 16 MB, over/);
  });

  it('never throws on truncated frames', () => {
    for (let cut = 0; cut < ACK.length; cut += 7) {
      const read = readEventHeader(ACK.slice(0, cut));
      assert.equal(read.ok, false);
    }
  });
});

describe('parseEvent', () => {
  it('returns the whole event', () => {
    const event = parseEvent(fixtureLines('events-v3-observed.jsonl')[3]);
    assert.equal(event.Type, 'profiles');
    assert.equal(event.Action, 'update');
    assert.equal((event.Object as { Description: string }).Description, 'v2');
    assert.equal((event.Original as { Description: string }).Description, 'v1');
  });
  it('throws sentences for invalid input', () => {
    assert.throws(() => parseEvent('{'), /^Error: The event is not valid JSON/);
    assert.throws(() => parseEvent('{"Time":"t"}'), /The text is not a DRP event: missing Type\./);
  });
});

describe('eventObjectText', () => {
  it('pretty-prints Object and Original with two spaces', () => {
    const raw = '{"Time":"t","Type":"preferences","Action":"save","Key":"k","Principal":"p","Object":{"Meta":{},"Name":"k","Val":"none"},"Original":null}';
    assert.equal(eventObjectText(raw, 'Object'), '{\n  "Meta": {},\n  "Name": "k",\n  "Val": "none"\n}');
    assert.equal(eventObjectText(raw, 'Original'), 'null');
  });
});
