import * as assert from 'node:assert/strict';
import { formatEventLine, formatGapLine, formatTime } from '../../../../src/core/events/format';

// Build times from local components so the expectations hold in any time zone.
const LOCAL = new Date(2026, 10, 28, 14, 3, 12, 419);
const LOCAL_MS = LOCAL.getTime();

describe('formatTime', () => {
  it('formats epoch milliseconds as local HH:MM:SS.mmm', () => {
    assert.equal(formatTime(LOCAL_MS), '14:03:12.419');
    assert.equal(formatTime(new Date(2026, 0, 1, 0, 0, 0, 7).getTime()), '00:00:00.007');
    assert.equal(formatTime(new Date(2026, 0, 1, 9, 5, 3, 45).getTime()), '09:05:03.045');
  });

  it('formats RFC 3339 times with nanoseconds and offsets, truncating to milliseconds', () => {
    const iso = LOCAL.toISOString().replace('Z', '999999Z'); // …12.419999999Z
    assert.equal(formatTime(iso), '14:03:12.419');
    const utc = new Date(Date.UTC(2026, 10, 28, 3, 52, 17, 900));
    const expected = formatTime(utc.getTime());
    assert.equal(formatTime('2026-11-28T03:52:17.900873484Z'), expected);
    assert.equal(formatTime('2026-11-27T22:52:17.9-05:00'), expected);
  });

  it('returns text that is not a time unchanged', () => {
    assert.equal(formatTime('not a time'), 'not a time');
    assert.equal(formatTime(Number.NaN), 'NaN');
  });
});

describe('formatEventLine', () => {
  const time = LOCAL.toISOString();
  it('lays out time, type.action, key and principal in fixed-width columns', () => {
    const line = formatEventLine({
      time,
      type: 'jobs',
      action: 'create',
      key: '9f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
      principal: 'runner:f6ca7bc6-3b3e-4bd4-a8a8-0a4cc5a3a9e2',
    });
    assert.equal(
      line,
      '14:03:12.419  jobs.create               9f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d  runner:f6ca7bc6-3b3e-4bd4-a8a8-0a4cc5a3a9e2',
    );
  });

  it('aligns short keys and never abbreviates long ones', () => {
    const short = formatEventLine({ time, type: 'profiles', action: 'update', key: 'global', principal: 'user:rocketskates' });
    const long = formatEventLine({ time, type: 'bootenvs', action: 'update', key: 'ubuntu-20.04-install-with-a-very-long-name-indeed', principal: 'user:x' });
    assert.equal(short.indexOf('user:'), 14 + 24 + 2 + 36 + 2);
    assert.ok(long.includes(' ubuntu-20.04-install-with-a-very-long-name-indeed  user:x'));
  });

  it('leaves no trailing spaces when the Principal is empty (acks, log events)', () => {
    assert.equal(formatEventLine({ time, type: 'websocket', action: 'register', key: 'machines.*.*', principal: '' }), '14:03:12.419  websocket.register        machines.*.*');
  });

  it('shows the display name and principal instead of the UUIDs, and the change summary in its own column', () => {
    const e = { time, type: 'machines', action: 'update', key: 'e7fecfa5-1c0d-444d-b9df-fb07ab977110', principal: 'runner:e7fecfa5-1c0d-444d-b9df-fb07ab977110' };
    const line = formatEventLine(e, { name: 'node-01', principal: 'runner:node-01', changes: 'Stage a → b' });
    assert.equal(line, `14:03:12.419  machines.update           ${'node-01'.padEnd(36)}  ${'runner:node-01'.padEnd(20)}  Stage a → b`);
    assert.equal(line.includes('e7fecfa5'), false);
    const other = formatEventLine({ ...e, principal: 'user:rocketskates' }, { name: 'node-01', principal: 'user:rocketskates', changes: 'no change' });
    assert.equal(other.indexOf('no change'), line.indexOf('Stage'), 'summaries start in one column');
  });

  it('puts a change summary right after the name when the Principal is empty, and nothing trailing without one', () => {
    const e = { time, type: 'profiles', action: 'update', key: 'global', principal: '' };
    assert.equal(formatEventLine(e, { name: 'global', principal: '', changes: 'A 1 → 2' }), `14:03:12.419  profiles.update           ${'global'.padEnd(36)}  A 1 → 2`);
    assert.equal(formatEventLine(e, { name: 'global', principal: '' }), '14:03:12.419  profiles.update           global');
  });
});

describe('formatGapLine', () => {
  it('shows when the stream was down and why', () => {
    const to = LOCAL_MS + 2583;
    assert.equal(
      formatGapLine({ from: LOCAL_MS, to, reason: 'The connection dropped (1006). Events sent while disconnected were not received.' }),
      '14:03:12.419  ── gap until 14:03:15.002 ── The connection dropped (1006). Events sent while disconnected were not received.',
    );
  });
  it('accepts the buffer gap shape ({at, reason})', () => {
    assert.equal(formatGapLine({ at: LOCAL_MS, reason: 'Reconnected.' }), '14:03:12.419  ── gap ── Reconnected.');
  });
});
