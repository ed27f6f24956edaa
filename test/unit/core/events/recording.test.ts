import * as assert from 'node:assert/strict';
import { readEventHeader, type EventFrame } from '../../../../src/core/events/event';
import { describeRecording, isRecordingId, Recordings } from '../../../../src/core/events/recording';

function frames(...keys: string[]): EventFrame[] {
  return keys.map((key) => {
    const raw = `{"Time":"2026-11-28T03:52:16Z","Type":"machines","Action":"update","Key":"${key}","Principal":"user:x","Object":{},"Original":{}}`;
    const read = readEventHeader(raw);
    assert.ok(read.ok);
    return { header: read.header, raw };
  });
}

describe('Recordings', () => {
  it('keeps every event of a file in its own buffer, in file order, with seqs from 1', () => {
    const recordings = new Recordings();
    const r = recordings.add('rec.ndjson', frames('a', 'b', 'c'), 1, 42);
    assert.equal(r.name, 'rec.ndjson');
    assert.equal(r.skipped, 1);
    assert.deepEqual(r.buffer.slice().map((e) => [e.seq, e.key, e.receivedAt]), [[1, 'a', 42], [2, 'b', 42], [3, 'c', 42]]);
    assert.deepEqual(r.buffer.get(2)?.filters, [], 'a recorded event matched no filter of this window');
  });

  it('drops none of a large recording, whatever its size in bytes', () => {
    // Past the buffer's first allocation (1,024), and far past any byte limit a live buffer has.
    const [one] = frames('k');
    const many = Array.from({ length: 1100 }, () => ({ header: one.header, raw: one.raw + ' '.repeat(1 << 16) }));
    const r = new Recordings().add('big.ndjson', many);
    assert.equal(r.buffer.size, 1100);
    assert.equal(r.buffer.dropped, 0);
  });

  it('gives each recording its own id, finds it by id, and forgets it when closed', () => {
    const recordings = new Recordings();
    const one = recordings.add('one.ndjson', frames('a'));
    const two = recordings.add('two.ndjson', frames('a'));
    assert.notEqual(one.id, two.id);
    assert.ok(isRecordingId(one.id) && isRecordingId(two.id));
    assert.equal(recordings.get(two.id), two);
    recordings.close(one.id);
    assert.equal(recordings.get(one.id), undefined);
    assert.equal(recordings.size, 1);
  });

  it('recognizes only its own ids', () => {
    for (const bad of ['', 'recording-', 'recording-x', 'live', 'recording-1/..', 7, undefined]) assert.equal(isRecordingId(bad), false, String(bad));
  });

  it('says what the tab shows: how many events, from which file, read-only, and lines left out', () => {
    const recordings = new Recordings();
    assert.equal(
      describeRecording(recordings.add('rec.ndjson', frames('a', 'b'))),
      'Recording of 2 events from rec.ndjson. Read-only: live events do not appear here.',
    );
    assert.equal(
      describeRecording(recordings.add('rec.ndjson', frames('a'), 1)),
      'Recording of 1 event from rec.ndjson; 1 line that is not a DRP event left out. Read-only: live events do not appear here.',
    );
    assert.match(describeRecording(recordings.add('rec.ndjson', frames('a'), 3)), /; 3 lines that are not DRP events left out\./);
  });
});
