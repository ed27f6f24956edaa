import * as assert from 'node:assert/strict';
import { DrpApiError } from '../../../../src/core/endpoint/api-error';
import { isNotFound, objectGoneMessage } from '../../../../src/core/events/object-gone';

describe('object gone (Open Latest on a deleted object)', () => {
  it('reads only a 404 from the endpoint as "no such object"', () => {
    assert.equal(isNotFound(new DrpApiError('http', 'GET profiles/p1: Not Found (404)', 404)), true);
    assert.equal(isNotFound(new DrpApiError('http', 'GET profiles/p1: Forbidden (403)', 403)), false);
    assert.equal(isNotFound(new DrpApiError('network', 'ECONNREFUSED', 0)), false);
    assert.equal(isNotFound(new Error('Not Found (404)')), false);
  });

  it('names the type, key and endpoint, and the event whose version it offers', () => {
    assert.equal(
      objectGoneMessage('profiles', 'p1', '127.0.0.1:8092', { seq: 12, action: 'delete', time: '2026-11-28T03:52:17.903774211Z' }),
      'profiles ‘p1’ no longer exists on 127.0.0.1:8092. The last version seen in the stream is from event #12 (delete at 03:52:17.903).',
    );
    assert.equal(
      objectGoneMessage('machines', 'm/1', undefined, undefined),
      'machines ‘m/1’ no longer exists on the endpoint. No event for it is left in the buffer, so there is no earlier version to show.',
    );
  });
});
