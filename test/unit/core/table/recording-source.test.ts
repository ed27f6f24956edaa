import assert from 'node:assert/strict';
import { readEventHeader } from '../../../../src/core/events/event';
import { Recordings } from '../../../../src/core/events/recording';
import { recordingSource } from '../../../../src/core/table/recording-source';
import { TableSession, type TableCommand } from '../../../../src/core/table/table-session';
import type { HostMessage } from '../../../../src/core/table/webview-messages';
import { ManualClock } from '../../support/manual-clock';

function recording(...keys: string[]) {
  const frames = keys.map((key) => {
    const raw = `{"Time":"2026-11-28T03:52:16Z","Type":"profiles","Action":"create","Key":"${key}","Principal":"user:x","Object":{},"Original":null}`;
    const read = readEventHeader(raw);
    assert.ok(read.ok);
    return { header: read.header, raw };
  });
  return new Recordings().add('rec.ndjson', frames);
}

describe('recordingSource: the table over an opened recording', () => {
  it('shows every recorded event, oldest first, and posts the recording as never paused or dropping', () => {
    const posted: HostMessage[] = [];
    const commands: TableCommand[] = [];
    const session = new TableSession(recordingSource(recording('a', 'b', 'c'), (c) => void commands.push(c)), {
      post: (m) => posted.push(m),
      showError: (m) => assert.fail(m),
      clock: new ManualClock(),
    });
    try {
      session.receive({ type: 'ready' });
      const reset = posted.find((m) => m.type === 'reset');
      assert.equal(reset?.type === 'reset' && reset.count, 3);
      session.receive({ type: 'requestRows', id: 1, version: reset?.type === 'reset' ? reset.version : 0, start: 0, count: 10 });
      const rows = posted.find((m) => m.type === 'rows');
      assert.deepEqual(rows?.type === 'rows' && rows.rows.map((r) => [r.seq, r.key]), [[1, 'a'], [2, 'b'], [3, 'c']]);
      const stats = posted.find((m) => m.type === 'stats');
      assert.deepEqual(stats?.type === 'stats' && [stats.size, stats.paused, stats.held, stats.dropped], [3, false, 0, 0]);

      // A stray Pause or Clear from the page changes nothing; row actions reach the commands.
      session.receive({ type: 'pause' });
      session.receive({ type: 'clear' });
      session.receive({ type: 'open', seq: 2, what: 'diff' });
      assert.deepEqual(commands, [{ kind: 'open', seq: 2, what: 'diff', preserveFocus: false }]);
      session.receive({ type: 'query', query: { text: '"Key":"b"', types: [], actions: [] } });
      const last = posted.filter((m) => m.type === 'reset').at(-1);
      assert.equal(last?.type === 'reset' && last.count, 1, 'search works on the recording');
    } finally {
      session.dispose();
    }
  });
});
