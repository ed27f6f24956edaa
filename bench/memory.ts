// Memory: 100,000 events of ~4 KB flooded through the real pipeline into an EventBuffer big
// enough to keep them all, then heap used + external after full collections, minus the same
// measure taken before the client existed, against the text itself (sum of raw.length, one
// byte per character for the ASCII frames the server writes). The text is the floor; the
// rest is per-event overhead (entry object, header strings, shared filter arrays).

import { connectClient } from './clients';
import type { SimProcess } from './sim-process';

export interface MemoryResult {
  events: number;
  rawBytes: number;
  heldBytes: number;
  ratio: number;
  overheadPerEvent: number;
}

function settledMemory(): number {
  // Several passes: the first frees the ws/TLS buffers, later ones what their finalizers let go.
  for (let i = 0; i < 4; i++) global.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

async function drain(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

export async function measureMemory(sim: SimProcess, events: number, bytes: number): Promise<MemoryResult> {
  if (!global.gc) throw new Error('Run the benchmark with `node --expose-gc` (npm run bench does) to measure memory.');
  await drain();
  const baseline = settledMemory();
  const client = await connectClient('pipeline', sim.endpoint, { maxEvents: events, maxBytes: 4 * 1024 * 1024 * 1024 });
  await Promise.all([sim.flood(events, bytes), client.whenEvents(events)]);
  const buffer = client.buffer!;
  await client.close();
  await drain();
  const held = settledMemory() - baseline;
  if (buffer.size !== events) throw new Error(`The buffer holds ${buffer.size} events, expected ${events}.`);
  const result = { events, rawBytes: buffer.bytes, heldBytes: held, ratio: held / buffer.bytes, overheadPerEvent: (held - buffer.bytes) / events };
  buffer.clear();
  return result;
}
