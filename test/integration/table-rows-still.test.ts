// The event table while events stream, through the real workbench: a row's context menu is
// VS Code's own, with the Events tree's event-row items in the same order, and it acts on the
// right-clicked row; that row stays under the pointer while events arrive; scrolling up stops
// following and a "N new — jump to latest" button counts what arrived and jumps back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseEventDocumentPath } from '../../src/core/events/document-uri';
import { formatTime } from '../../src/core/events/format';
import { startStreamingEndpoint, waitForEvent, type TestEndpoint } from './support/endpoint';
import { SETTLED_JS, followTail, rowCount, showTable, waitUntil } from './support/table-page';
import { clickContextMenuItem, clickInWebview, clickTreeItem, contextMenuItems, evalInWebview, pressKey, screenshot } from './ui';

const JUMP = '.event-table .jump-to-latest';
/** Where the test right-clicks, in px from the table viewport's top-left: the seventh row. */
const POINT = { x: 160, y: 22 * 6 + 11 };

/** The row under POINT now: its seq (from its data-vscode-context) and whether it is selected. */
async function rowUnderPointer(): Promise<{ seq: number; selected: boolean } | null> {
  return (await evalInWebview(`(() => {
    const r = document.querySelector('.event-table .viewport').getBoundingClientRect();
    const row = document.elementFromPoint(r.left + ${POINT.x}, r.top + ${POINT.y})?.closest('.rows .row');
    if (!row || !row.dataset.vscodeContext) return null;
    return { seq: JSON.parse(row.dataset.vscodeContext).seq, selected: row.classList.contains('selected') };
  })()`)) as { seq: number; selected: boolean } | null;
}

describe('event table rows stay still while events stream', function () {
  this.timeout(90_000);
  let ep: TestEndpoint;
  let streaming: ReturnType<typeof setInterval> | undefined;
  let n = 0;

  /** Updates (with an Original, as most DRP events have) every 30 ms until stopStreaming. */
  function startStreaming(): void {
    streaming = setInterval(() => {
      const key = `stream-${++n % 40}`;
      ep.sim.publish({ Type: 'machines', Action: 'update', Key: key, Principal: 'user:rocketskates', Object: { Name: key, n }, Original: { Name: key, n: n - 1 } });
    }, 30);
  }
  function stopStreaming(): void {
    clearInterval(streaming);
    streaming = undefined;
  }
  /** Resolves once `count` more events were buffered. */
  function moreEvents(count: number): Promise<unknown> {
    let seen = 0;
    return waitForEvent(ep.api.onDidReceiveEvent, () => ++seen >= count, 10_000, `${count} more events`);
  }

  before(async function () {
    this.timeout(60_000);
    ep = await startStreamingEndpoint('machines.*.*');
  });

  afterEach(async () => {
    stopStreaming();
    await pressKey('Escape');
  });

  after(async () => {
    stopStreaming();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await ep?.dispose();
  });

  it('right-click: VS Code\'s menu has the Events tree\'s event-row items in order, the row stays under the pointer, Open Object opens it', async () => {
    // The Events tree's menu for an update event (one with an Original), read from the real tree.
    const arrived = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === 'menu-target', 10_000, 'the menu-target event');
    ep.sim.publish({ Type: 'machines', Action: 'update', Key: 'menu-target', Object: { Name: 'menu-target', n: 2 }, Original: { Name: 'menu-target', n: 1 } });
    const target = await arrived;
    await vscode.commands.executeCommand('drp.events.focus');
    await vscode.commands.executeCommand('workbench.actions.treeView.drp.events.collapseAll');
    await clickTreeItem('Events', 'machines');
    await clickTreeItem('Events', 'menu-target');
    await clickTreeItem('Events', `${formatTime(target.time)} update`, { button: 'right' });
    const treeMenu = await contextMenuItems();
    assert.ok(treeMenu.includes('Open Object') && treeMenu.includes('Compare with Original'), `the tree's event-row menu: ${treeMenu.join(' | ')}`);
    await pressKey('Escape');

    await showTable();
    startStreaming();
    await moreEvents(40); // more than a screenful below the point, so following moves rows past it
    await followTail();
    await clickInWebview('.event-table .viewport', { button: 'right', position: POINT });
    const clicked = await waitUntil(rowUnderPointer, (r) => r?.selected === true, 'the right-clicked row to be selected');
    assert.ok(clicked);

    const tableMenu = await contextMenuItems();
    assert.deepEqual(tableMenu, treeMenu, 'the table row offers what the Events tree offers, in the same order');

    // Events keep arriving while the menu is open: the row under the pointer is the same one.
    const rowsBefore = await rowCount();
    await moreEvents(30);
    await waitUntil(rowCount, (c) => c >= rowsBefore + 20, 'new rows in the table while the menu is open');
    assert.deepEqual(await rowUnderPointer(), clicked, 'the right-clicked row is still under the pointer');
    await screenshot('table-context-menu');

    const opened = waitForEvent(vscode.window.onDidChangeActiveTextEditor, (e) => e?.document.uri.scheme === 'drp-event', 10_000, 'the event document');
    await clickContextMenuItem('Open Object');
    const editor = await opened;
    assert.equal(editor && parseEventDocumentPath(editor.document.uri.path)?.seq, clicked.seq, 'Open Object opened the right-clicked row');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    // From the keyboard: a row selected with the arrow keys, then Shift+F10, opens the same menu.
    await showTable();
    // Focuses the grid (a header click does nothing else). Clicks in this file are at a point
    // (the driver's mouse), as the rows move under Playwright's element checks while events stream.
    await clickInWebview('.event-table .header .cell', { position: { x: 10, y: 5 } });
    await pressKey('ArrowUp');
    await waitUntil(() => evalInWebview(`document.querySelectorAll('.event-table .rows .row.selected').length`), (n) => n === 1, 'a selected row');
    await pressKey('Shift+F10');
    assert.deepEqual(await contextMenuItems(), treeMenu, 'Shift+F10 opens the row menu for the selected row');
  });

  it('scrolling up stops following and shows "N new — jump to latest" counting up; the button goes back to following', async () => {
    await showTable();
    startStreaming();
    await moreEvents(40);
    await followTail();
    await waitUntil(() => evalInWebview('window.__drpTableProbe.follow()'), (f) => f === true, 'following');
    assert.equal(await evalInWebview(`document.querySelector('${JUMP}').hidden`), true, 'no jump button while following');

    await evalInWebview(`(() => { const v = document.querySelector('.event-table .viewport'); v.scrollTop = Math.max(0, v.scrollTop - 400); })()`);
    const count = async () => {
      const text = (await evalInWebview(`(() => { const b = document.querySelector('${JUMP}'); return b.hidden ? '' : b.textContent; })()`)) as string;
      const m = /^([\d,]+) new — jump to latest$/.exec(text);
      return m ? Number(m[1].replace(/,/g, '')) : -1;
    };
    const first = await waitUntil(count, (c) => c > 0, 'the jump button with a count');
    const later = await waitUntil(count, (c) => c > first + 10, 'the count to grow');
    assert.ok(later > first);
    assert.equal(await evalInWebview('window.__drpTableProbe.follow()'), false, 'not following while scrolled up');
    await screenshot('table-jump-to-latest');

    await clickInWebview(JUMP, { position: { x: 12, y: 8 } });
    await waitUntil(() => evalInWebview(`document.querySelector('${JUMP}').hidden`), (h) => h === true, 'the jump button to go');
    assert.equal(await evalInWebview('window.__drpTableProbe.follow()'), true, 'following again');
    // Following: after more events, the newest row is the last one on screen.
    await moreEvents(20);
    await waitUntil(
      () => evalInWebview(`(async () => {${SETTLED_JS}
        await frame();
        const last = Math.max(...rendered().map(indexOf));
        return last === window.__drpTableProbe.rowCount() - 1 && viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 1;
      })()`),
      (atNewest) => atNewest === true,
      'the newest row at the bottom of the table',
    );
  });
});
