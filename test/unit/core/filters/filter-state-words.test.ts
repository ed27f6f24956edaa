import * as assert from 'node:assert/strict';
import { CONDITION_WORDS, type ConnectionCondition } from '../../../../src/core/connection/connection-summary';
import { filterStateWords } from '../../../../src/core/filters/filter-state-words';

const CONDITIONS = Object.keys(CONDITION_WORDS) as ConnectionCondition[];

describe('filter state words', () => {
  it('spins only for a filter whose ack is awaited (pending), never for one that was not sent', () => {
    for (const condition of CONDITIONS) {
      assert.equal(filterStateWords('pending', condition).icon, 'loading~spin');
      const unsent = filterStateWords('unsent', condition);
      assert.doesNotMatch(unsent.icon, /~spin/, condition);
      assert.match(unsent.label, /^not sent/, condition);
      assert.match(unsent.sentence, /^Not sent/, condition);
      assert.doesNotMatch(unsent.sentence, /acknowledge/, `${condition}: nothing is awaited`);
    }
  });

  it('says why an unsent filter was not sent, with its own icon', () => {
    assert.deepEqual(filterStateWords('unsent', 'signed-out'), {
      icon: 'account', label: 'not sent, signed out', sentence: 'Not sent: you are signed out. Sign in to register it.',
    });
    assert.equal(filterStateWords('unsent', 'untrusted').icon, 'workspace-untrusted');
    assert.match(filterStateWords('unsent', 'untrusted').sentence, /certificate is not trusted/);
    assert.equal(filterStateWords('unsent', 'not-connected').icon, 'debug-disconnect');
    assert.match(filterStateWords('unsent', 'not-connected').sentence, /not connected\. Connect/);
    assert.match(filterStateWords('unsent', 'sign-in-failed').sentence, /refused the sign-in/);
  });

  it('keeps the acked and failed states as they were: a green pass and a red error', () => {
    assert.deepEqual(filterStateWords('active', 'open'), { icon: 'pass', color: 'testing.iconPassed', label: 'active', sentence: 'Registered: the endpoint acknowledged it.' });
    assert.deepEqual(filterStateWords('failed', 'open'), { icon: 'error', color: 'testing.iconFailed', label: 'failed', sentence: 'Not registered.' });
  });
});
