import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportFileName, ndjsonLines, parseNdjson, toNdjson } from '../../../../src/core/events/ndjson';
import { readEventHeader } from '../../../../src/core/events/event';

const A = '{"Time":"t1","Type":"profiles","Action":"create","Key":"p1","Principal":"user:x","Object":{},"Original":null}';
const B = '{"Time":"t2","Type":"params","Action":"delete","Key":"a.b","Principal":"user:x","Object":{"Name":"a.b"},"Original":null}';

describe('toNdjson / ndjsonLines', () => {
  it('writes one raw frame per line, ending with a newline', () => {
    assert.equal(toNdjson([{ raw: A }, { raw: B }]), `${A}\n${B}\n`);
    assert.equal(toNdjson([]), '');
    assert.deepEqual([...ndjsonLines([{ raw: A }])], [`${A}\n`]);
  });

  it('re-encodes a pretty-printed frame onto one line', () => {
    const pretty = JSON.stringify(JSON.parse(A), null, 2);
    assert.equal(toNdjson([{ raw: pretty }]), `${A}\n`);
  });

  it('keeps a non-JSON frame on one line', () => {
    assert.equal(toNdjson([{ raw: 'bad\r\nframe' }]), 'bad\\r\\nframe\n');
  });
});

describe('parseNdjson', () => {
  it('round-trips an export', () => {
    const parsed = parseNdjson(toNdjson([{ raw: A }, { raw: B }]));
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.events.map((e) => e.raw), [A, B]);
    assert.deepEqual(parsed.events[1].header, { time: 't2', type: 'params', action: 'delete', key: 'a.b', principal: 'user:x' });
  });

  it('skips blank lines, accepts CRLF and a byte-order mark, and numbers lines from 1', () => {
    const text = `\uFEFF${A}\r\n\r\n   \r\nnot json\r\n${B}\r\n{"Time":"t"}`;
    const parsed = parseNdjson(text);
    assert.deepEqual(parsed.events.map((e) => e.raw), [A, B]);
    assert.deepEqual(parsed.errors, [
      { line: 4, reason: 'not JSON' },
      { line: 6, reason: 'missing Type' },
    ]);
  });

  it('returns nothing for an empty file', () => {
    assert.deepEqual(parseNdjson(''), { events: [], errors: [] });
    assert.deepEqual(parseNdjson('\n\n'), { events: [], errors: [] });
  });

  it('reads the protocol fixtures without errors and with the same headers as readEventHeader', () => {
    for (const name of ['events-v3-observed.jsonl', 'events-v4-sample.jsonl']) {
      const text = readFileSync(join(process.cwd(), 'test/fixtures', name), 'utf8');
      const parsed = parseNdjson(text);
      assert.deepEqual(parsed.errors, [], name);
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      assert.equal(parsed.events.length, lines.length);
      parsed.events.forEach((e, i) => {
        const read = readEventHeader(lines[i]);
        assert.ok(read.ok);
        assert.deepEqual(e.header, read.header);
      });
    }
  });
});

describe('exportFileName', () => {
  it('names the export drp-events-YYYYMMDD-HHMMSS.ndjson in local time, zero-padded', () => {
    assert.equal(exportFileName(new Date(2026, 0, 5, 7, 8, 9)), 'drp-events-20260105-070809.ndjson');
    assert.equal(exportFileName(new Date(2026, 11, 31, 23, 59, 58)), 'drp-events-20261231-235958.ndjson');
  });
});
