import * as assert from 'node:assert/strict';
import { toRow } from '../../../../src/core/table/table-row';

describe('toRow', () => {
  it('keeps the header, seq and filters and says whether there is an Original, without the body', () => {
    const filters = ['machines.*.*'];
    const row = toRow({
      seq: 7,
      time: '2026-11-28T03:52:17.9Z',
      type: 'machines',
      action: 'update',
      key: 'm1',
      principal: 'user:x',
      raw: '{"Time":"2026-11-28T03:52:17.9Z","Type":"machines","Action":"update","Key":"m1","Principal":"user:x","Object":{"a":2},"Original":{"a":1}}',
      filters,
      receivedAt: 0,
    });
    assert.deepEqual(row, {
      seq: 7,
      time: '2026-11-28T03:52:17.9Z',
      type: 'machines',
      action: 'update',
      key: 'm1',
      principal: 'user:x',
      filters,
      hasOriginal: true,
    });
  });
});
