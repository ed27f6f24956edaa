import * as assert from 'node:assert/strict';
import { ipv4FromHexKey, jobName, nameKind, principalMachine, shortId } from '../../../../src/core/names/display-name';

describe('display-name', () => {
  it('turns a lease or reservation key (8 hex digits) into its dotted IPv4 address', () => {
    assert.equal(ipv4FromHexKey('C0A87C65'), '192.168.124.101');
    assert.equal(ipv4FromHexKey('0a000001'), '10.0.0.1');
    assert.equal(ipv4FromHexKey('FFFFFFFF'), '255.255.255.255');
  });

  it('leaves a key that is not 8 hex digits alone', () => {
    for (const key of ['C0A87C6', 'C0A87C651', 'G0A87C65', '192.168.1.1', '']) assert.equal(ipv4FromHexKey(key), undefined, key);
  });

  it('names machines and jobs by their fields, leases and reservations by address, the rest by key', () => {
    assert.equal(nameKind('machines'), 'machine');
    assert.equal(nameKind('jobs'), 'job');
    assert.equal(nameKind('leases'), 'address');
    assert.equal(nameKind('reservations'), 'address');
    for (const t of ['profiles', 'params', 'templates', 'contents', 'pools', 'log', 'websocket', 'beeblebrox']) assert.equal(nameKind(t), 'key', t);
  });

  it('names a job by its machine, task and state, with the machine’s UUID shortened when its name is unknown', () => {
    const facts = { machine: 'e7fecfa5-1c0d-444d-b9df-fb07ab977110', task: 'gohai', state: 'running' };
    assert.equal(jobName(facts, 'node-01'), 'node-01 · gohai · running');
    assert.equal(jobName(facts, undefined), 'e7fecfa5 · gohai · running');
    assert.equal(jobName({ task: 'gohai' }, undefined), 'gohai');
    assert.equal(jobName({}, undefined), undefined);
  });

  it('shortens only UUIDs', () => {
    assert.equal(shortId('e7fecfa5-1c0d-444d-b9df-fb07ab977110'), 'e7fecfa5');
    assert.equal(shortId('not-a-uuid'), 'not-a-uuid');
  });

  it('reads the machine of runner: and machine: principals only', () => {
    assert.deepEqual(principalMachine('runner:abc'), { prefix: 'runner', id: 'abc' });
    assert.deepEqual(principalMachine('machine:abc'), { prefix: 'machine', id: 'abc' });
    for (const p of ['user:rocketskates', 'runner:', '', 'unknown', 'static']) assert.equal(principalMachine(p), undefined, p);
  });
});
