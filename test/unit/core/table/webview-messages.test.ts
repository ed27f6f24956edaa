import assert from 'node:assert/strict';
import { MAX_WINDOW_ROWS, parseWebviewMessage } from '../../../../src/core/table/webview-messages';

describe('webview-messages', () => {
  describe('parseWebviewMessage', () => {
    it('accepts each well-formed message from the page', () => {
      const good: unknown[] = [
        { type: 'ready' },
        { type: 'ready', query: { text: 'a', types: ['machines'], actions: [] } },
        { type: 'requestRows', id: 1, version: 2, start: 300, count: 100 },
        { type: 'query', query: { text: '', types: [], actions: ['update'] } },
        { type: 'pause' },
        { type: 'resume' },
        { type: 'clear' },
        { type: 'export', scope: 'view' },
        { type: 'export', scope: 'all' },
        { type: 'import' },
        { type: 'open', seq: 5, what: 'diff' },
        { type: 'open', seq: 5, what: 'object', preserveFocus: true },
        { type: 'follow', follow: false },
      ];
      for (const m of good) assert.deepEqual(parseWebviewMessage(m), m, JSON.stringify(m));
    });

    it('drops malformed or unknown messages', () => {
      const bad: unknown[] = [
        null,
        'ready',
        { type: 'nope' },
        { type: 'open', seq: -1, what: 'object' },
        { type: 'open', seq: 1, what: 'file:///etc/passwd' },
        // Row menu actions are VS Code's webview/context menu now, not messages.
        { type: 'export', scope: 'everything' },
        { type: 'requestRows', id: 1, version: 1, start: '0', count: 10 },
        { type: 'query', query: { text: 'x', types: 'machines', actions: [] } },
        { type: 'query', query: { text: 'x'.repeat(1001), types: [], actions: [] } },
        { type: 'follow', follow: 'yes' },
      ];
      for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
    });

    it('caps a window request at MAX_WINDOW_ROWS', () => {
      const m = parseWebviewMessage({ type: 'requestRows', id: 1, version: 1, start: 0, count: 1e6 });
      assert.deepEqual(m, { type: 'requestRows', id: 1, version: 1, start: 0, count: MAX_WINDOW_ROWS });
    });

    it('copies the query instead of keeping the page object (no extra fields survive)', () => {
      const m = parseWebviewMessage({ type: 'query', query: { text: 't', types: [], actions: [], extra: 1 } });
      assert.deepEqual(m, { type: 'query', query: { text: 't', types: [], actions: [] } });
    });
  });
});
