import * as assert from 'node:assert/strict';
import { readEventArgument } from '../../../../src/core/events/event-argument';

describe('readEventArgument', () => {
  it('accepts a seq number, a numeric string and "#12"', () => {
    assert.deepEqual(readEventArgument(12), { seq: 12 });
    assert.deepEqual(readEventArgument('12'), { seq: 12 });
    assert.deepEqual(readEventArgument(' #12 '), { seq: 12 });
  });

  it('accepts any object with a numeric seq: a tree item, a table row, {seq}', () => {
    assert.deepEqual(readEventArgument({ kind: 'event', seq: 3, type: 'machines', key: 'n1' }), { seq: 3 });
    assert.deepEqual(readEventArgument({ seq: 4, time: 'x', hasOriginal: true }), { seq: 4 });
    // What VS Code passes from a table row's webview/context menu: the row's data-vscode-context plus `webview`.
    const rowContext = { webviewSection: 'row', preventDefaultContextMenuItems: true, seq: 5, type: 'machines', key: 'n1', hasOriginal: false, webview: 'drp.eventTable' };
    assert.deepEqual(readEventArgument(rowContext), { seq: 5 });
  });

  it('keeps the id of the recording an event comes from, and drops anything else there', () => {
    assert.deepEqual(readEventArgument({ seq: 3, recording: 'recording-2' }), { seq: 3, recording: 'recording-2' });
    assert.deepEqual(readEventArgument({ seq: 3, recording: 'live' }), { seq: 3 });
    assert.deepEqual(readEventArgument({ seq: 3, recording: 7 }), { seq: 3 });
  });

  it('accepts {type, key} without a seq (enough for Open Latest)', () => {
    assert.deepEqual(readEventArgument({ type: 'params', key: 'test/flag' }), { type: 'params', key: 'test/flag' });
  });

  it('rejects everything else', () => {
    for (const arg of [undefined, null, 0, -1, 1.5, NaN, '', 'abc', '1e3', {}, { seq: '3' }, { type: '', key: 'k' }, [], true]) {
      assert.equal(readEventArgument(arg), undefined, String(arg));
    }
  });
});
