import assert from 'node:assert/strict';
import { formatSize, oneLine, plural } from '../../../src/core/text';

describe('text', () => {
  it('plural: the noun agrees with the count', () => {
    assert.equal(plural(0, 'event'), '0 events');
    assert.equal(plural(1, 'event'), '1 event');
    assert.equal(plural(2, 'key'), '2 keys');
  });

  it('formatSize: bytes, then KB and MB with one decimal, without a trailing .0', () => {
    assert.equal(formatSize(1), '1 byte');
    assert.equal(formatSize(1023), '1023 bytes');
    assert.equal(formatSize(1024), '1 KB');
    assert.equal(formatSize(3789), '3.7 KB');
    assert.equal(formatSize(512 * 1024 * 1024), '512 MB');
    assert.equal(formatSize(16.5 * 1024 * 1024), '16.5 MB');
  });

  it('oneLine: compact text is kept as is; pretty JSON is re-encoded; other text has its breaks escaped', () => {
    const compact = '{"Type":"machines","Object":{"Name":"a b"}}';
    assert.equal(oneLine(compact), compact, 'the same string, not a re-encoding');
    assert.equal(oneLine('{\n  "Type": "machines",\r\n  "n": 1\n}'), '{"Type":"machines","n":1}');
    assert.equal(oneLine('not json\r\nsecond'), 'not json\\r\\nsecond');
  });
});
