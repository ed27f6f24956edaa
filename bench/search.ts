// Search in the host: TableQuery.setQuery over a full buffer of 100,000 events of ~4 KB, in
// this process (no simulator, no webview). The in-workbench goal "table search over 100000
// events" (table-bench.ts) is this scan plus the trip to the page and back; this number says
// how much of that budget the scan alone takes, without needing the workbench. Printed, not a
// goal. (Moved here from the unit test, which printed it and asserted only the matches.)

import { EventBuffer } from '../src/core/events/event-buffer';
import { TableQuery } from '../src/core/table/table-query';

export interface SearchRun {
  text: string;
  /** What the query shows for `text` (the same on every repeat). */
  matches: number;
  /** One setQuery per repeat. */
  ms: number[];
}

export interface SearchResult {
  events: number;
  /** Characters of one event's raw text. */
  eventChars: number;
  runs: SearchRun[];
}

// A query with an upper-case letter (the case-folding RegExp path), a prefix that occurs in
// every event (`Serial-` followed by a different number: the adversarial case), and a miss.
const QUERIES = ['SERIAL-99999', 'serial-4242', 'no-such-text-anywhere'];

export function measureSearch(events: number, repeats: number): SearchResult {
  const buffer = new EventBuffer({ maxEvents: events, maxBytes: Number.MAX_SAFE_INTEGER });
  // Built by concatenation: JSON.stringify of 100,000 objects would dominate the set-up.
  const params = Array.from({ length: 95 }, (_, k) => `"param/key-${k}":"value-${k}-abcdefghij"`).join(',');
  for (let i = 0; i < events; i++) {
    const key = `m-${i}`;
    // Buffer round trip: a flat string like the ones ws hands over (a concatenation is a rope,
    // which a search would flatten on first use and so time wrongly).
    const raw = Buffer.from(`{"Time":"2026-11-28T03:52:16.000Z","Type":"machines","Action":"update","Key":"${key}","Principal":"user:rocketskates","Object":{"Name":"${key}","Params":{${params},"marker":"Serial-${i}"}},"Original":null}`).toString();
    buffer.push({ time: '2026-11-28T03:52:16.000Z', type: 'machines', action: 'update', key, principal: 'user:rocketskates' }, raw, ['machines.*.*']);
  }
  const query = new TableQuery(buffer);
  const runs: SearchRun[] = QUERIES.map((text) => ({ text, matches: 0, ms: [] }));
  for (let r = 0; r < repeats; r++) {
    for (const run of runs) {
      const t0 = performance.now();
      query.setQuery({ text: run.text, types: [], actions: [] });
      run.ms.push(performance.now() - t0);
      run.matches = query.count;
    }
  }
  const eventChars = buffer.get(buffer.firstSeq)?.raw.length ?? 0;
  buffer.clear();
  return { events, eventChars, runs };
}
