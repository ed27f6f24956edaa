// The Events tree while events stream: type and key rows stay where they are under a pointer
// that does not move (a new key is added at the end of its type, not sorted in among the
// existing rows), and hovering a type or key row tells its event count and newest event.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatTime } from '../../src/core/events/format';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';
import { askUntil, clickTreeItem, countInWorkbench, hoverText, screenshot } from './ui';

const EVENTS = '.pane:has(.pane-header .title:text-is("Events"))';
/** The Events row at visual position `index` (0 = top) showing `label` (no label here contains another). */
const rowAt = (index: number, label: string): string => `${EVENTS} .monaco-list-row[data-index="${index}"]:has-text("${label}")`;

describe('events tree rows while events stream', () => {
  let ep: TestEndpoint;
  const run = Date.now().toString(36);
  const [first, second, third] = [`${run}-m`, `${run}-b`, `${run}-a`];

  before(async () => {
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    await ep.api.register('profiles.*.*');
    await ep.api.register('machines.*.*');
    await waitForActiveFilters(ep.api);
    await vscode.commands.executeCommand('drp.events.focus');
  });

  after(async () => {
    ep.sim.stopTraffic();
    await ep.dispose();
  });

  async function publish(key: string): Promise<void> {
    const got = waitForEvent(ep.api.onDidReceiveEvent, (e) => e.key === key, 10_000, `the ${key} event`);
    ep.sim.publish({ Type: 'profiles', Action: 'update', Key: key, Object: { Name: key }, Original: { Name: key } });
    await got;
  }

  it('keeps existing type and key rows in place as new keys arrive, and tells a row’s count and newest event on hover', async () => {
    await publish(first);
    await publish(second);
    await clickTreeItem('Events', 'profiles');
    await askUntil(() => countInWorkbench(rowAt(2, second)), (n) => n === 1, `${second} on the third row`);
    assert.equal(await countInWorkbench(rowAt(1, first)), 1, `${first} on the second row`);

    ep.sim.startTraffic({ rate: 20 });
    await waitForEvent(ep.api.onDidReceiveEvent, (e) => e.type === 'machines', 10_000, 'a machines event');
    await publish(third); // sorts before both by name
    await askUntil(() => countInWorkbench(rowAt(3, third)), (n) => n === 1, `${third} added after the existing keys`);
    assert.equal(await countInWorkbench(rowAt(0, 'profiles')), 1, 'the type row stays on top');
    assert.equal(await countInWorkbench(rowAt(1, first)), 1, `${first} stays on the second row`);
    assert.equal(await countInWorkbench(rowAt(2, second)), 1, `${second} stays on the third row`);
    assert.equal(await countInWorkbench(rowAt(4, 'machines')), 1, 'the type first seen later comes after');

    await publish(first);
    await askUntil(() => countInWorkbench(`${rowAt(1, first)}:has-text("2")`), (n) => n === 1, `${first} counting 2 events`);
    // Machines events keep streaming: the profiles rows are not rendered again meanwhile, so
    // their tooltips open.
    const newest = ep.api.getEvents().filter((e) => e.key === first).at(-1)!;
    const keyTip = await hoverText(rowAt(1, first));
    assert.match(keyTip, new RegExp(`^profiles ${first}\\n+2 events in the buffer\\.\\n+Newest: ${formatTime(newest.time).replace(/\./g, '\\.')}, update \\(event #${newest.seq}\\)\\.$`));
    await screenshot('events-tree-key-tooltip');
    const profiles = ep.api.getEvents().filter((e) => e.type === 'profiles');
    const typeTip = await hoverText(rowAt(0, 'profiles'));
    assert.match(typeTip, new RegExp(`^profiles\\n+${profiles.length} events for 3 keys\\.\\n+Newest: .+, update ${first} \\(event #${profiles.at(-1)!.seq}\\)\\.$`));
    ep.sim.stopTraffic();
  });
});
