// Synthetic load for the benchmark: machine `update` events of about the requested size,
// published as fast as the slowest reader allows. Each frame is a complete DRP event
// (seven keys, Time now, Object a machine padded with inventory Params, Original equal to
// Object as for a no-op update), rendered by string concatenation from a small pool of
// pre-encoded machines so the simulator, not JSON.stringify, is never the bottleneck.

import { randomUUID } from 'node:crypto';
import { drpNow } from './drp-time';
import { inventoryParams } from './inventory';
import type { MatchMode } from './matcher';
import { blankObject, machineSecret, type DrpObject } from './models';

export interface FloodOptions {
  count: number;
  /** Approximate size of each frame in bytes. */
  bytes: number;
  /**
   * false (default): wait while a reader's queue is nearly full, so nothing is dropped.
   * true: publish regardless and let full queues drop events, as the real server does.
   */
  dropWhenFull?: boolean;
}

export interface FloodFrame {
  header: { Type: string; Action: string; Key: string };
  raw: string;
}

const POOL = 16;

/** Returns a function that renders flood frame i. */
export function floodFrames(bytes: number, mode: MatchMode): (i: number) => FloodFrame {
  const perObject = Math.max(0, Math.floor((bytes - 200) / 2));
  const pool = Array.from({ length: POOL }, (_, n) => {
    const uuid = randomUUID();
    const machine: DrpObject = {
      ...blankObject('machines', mode),
      Name: `flood-${String(n).padStart(2, '0')}`,
      Uuid: uuid,
      Secret: machineSecret(),
      HardwareAddrs: [`52:54:00:f1:00:${n.toString(16).padStart(2, '0')}`],
    };
    const base = JSON.stringify(machine).length;
    machine.Params = inventoryParams(Math.max(0, perObject - base), n);
    return { uuid, object: JSON.stringify(machine) };
  });
  return (i) => {
    const m = pool[i % POOL];
    const raw =
      `{"Time":"${drpNow()}","Type":"machines","Action":"update","Key":"${m.uuid}",` +
      `"Principal":"runner:${m.uuid}","Object":${m.object},"Original":${m.object}}`;
    return { header: { Type: 'machines', Action: 'update', Key: m.uuid }, raw };
  };
}
