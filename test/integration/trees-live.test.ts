// The sidebar trees keep up with a steady event stream. VS Code debounces tree refreshes by
// 200 ms with a leading edge, so a view refreshed every 100 ms batch would freeze after the
// first batch; this drives 20 events/s and checks what the trees actually render.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { signInWithPassword, startEndpoint, waitForActiveFilters, waitForEvent, waitForState, type TestEndpoint } from './support/endpoint';
import { askUntil, workbenchText } from './ui';

const FILTER_ROWS = '.pane:has(.pane-header .title:text-is("Filters")) .monaco-list-rows';
const EVENT_ROWS = '.pane:has(.pane-header .title:text-is("Events")) .monaco-list-rows';

describe('sidebar trees under steady traffic', () => {
  let ep: TestEndpoint;

  before(async () => {
    ep = await startEndpoint();
    await signInWithPassword();
    await waitForState(ep.api, 'open');
    await vscode.commands.executeCommand('drp.filters.focus');
    await vscode.commands.executeCommand('drp.events.focus');
    await ep.api.register('machines.*.*');
    await ep.api.register('jobs.*.*');
    await waitForActiveFilters(ep.api);
  });

  after(async () => {
    ep.sim.stopTraffic();
    await ep.dispose();
  });

  it('renders the counts the API reports while events keep arriving', async () => {
    ep.sim.startTraffic({ rate: 20 });
    // Let the stream run well past the first batches before looking.
    await waitForEvent(ep.api.onDidReceiveEvent, () => ep.api.getFilters().every((f) => f.count >= 6), 20_000, 'six events per filter');
    ep.sim.stopTraffic();
    const counts = ep.api.getFilters().map((f) => `${f.filter}${f.count}`);
    const types = new Map<string, number>();
    for (const e of ep.api.getEvents()) types.set(e.type, (types.get(e.type) ?? 0) + 1);

    // Traffic has stopped, but its last events may still be on their way: compare with the
    // API's counts as they are when the tree is read.
    const filtersText = await askUntil(
      () => workbenchText(FILTER_ROWS),
      (t) => { const want = ep.api.getFilters().map((f) => `${f.filter}${f.count}`); return want.every((w) => t.replace(/\s+/g, '').includes(w)); },
      `Filters rows showing ${counts.join(', ')}`,
    );
    assert.match(filtersText, /machines\.\*\.\*/);
    const eventsText = await askUntil(
      () => workbenchText(EVENT_ROWS),
      (t) => [...new Map(ep.api.getEvents().map((e) => [e.type, 0])).keys()].every((type) => {
        const n = ep.api.getEvents().filter((e) => e.type === type).length;
        return t.replace(/\s+/g, '').includes(`${type}${n}`);
      }),
      `Events rows showing ${[...types].map(([t, n]) => `${t} ${n}`).join(', ')}`,
    );
    assert.match(eventsText, /jobs/);
  });
});
