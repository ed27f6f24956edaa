import * as assert from 'node:assert/strict';
import {
  eventDocumentPath,
  latestDocumentPath,
  parseEventDocumentPath,
  parseLatestDocumentPath,
} from '../../../../src/core/events/document-uri';

describe('document-uri', () => {
  it('builds a readable .json path for an event Object', () => {
    assert.equal(
      eventDocumentPath({ type: 'machines', key: 'node-01', seq: 42, part: 'object' }),
      '/machines/node-01/42-object.json',
    );
  });

  it('keeps a key with slashes in one segment and reads it back (params test/flag)', () => {
    const ref = { type: 'params', key: 'test/flag', seq: 7, part: 'original' as const };
    const path = eventDocumentPath(ref);
    assert.equal(path, '/params/test%2Fflag/7-original.json');
    assert.deepEqual(parseEventDocumentPath(path), ref);
  });

  it('round-trips keys with dots, percent signs, spaces, unicode, markup and an empty key', () => {
    for (const key of ['ubuntu-20.04-install', '100%', 'a b', 'ключ', '<script>x</script>', '', '%empty', '..', '?#&']) {
      const ref = { type: 'bootenvs', key, seq: 1, part: 'object' as const };
      assert.deepEqual(parseEventDocumentPath(eventDocumentPath(ref)), ref, key);
      const latest = { type: 'bootenvs', key };
      assert.deepEqual(parseLatestDocumentPath(latestDocumentPath(latest)), latest, key);
    }
  });

  it('builds and parses the Open Latest path', () => {
    assert.equal(latestDocumentPath({ type: 'params', key: 'test/flag' }), '/params/test%2Fflag.json');
    assert.deepEqual(parseLatestDocumentPath('/machines/node-01.json'), { type: 'machines', key: 'node-01' });
  });

  it('rejects paths that are not event documents', () => {
    for (const path of ['', '/', '/machines/node-01', '/machines/node-01/x-object.json', '/machines/a/b/1-object.json',
      '/machines/node-01/1-other.json', '/machines/%E0%A4%A/1-object.json']) {
      assert.equal(parseEventDocumentPath(path), undefined, path);
    }
    assert.equal(parseLatestDocumentPath('/machines/a/b.json'), undefined);
    assert.equal(parseLatestDocumentPath('/machines/%ZZ.json'), undefined);
  });
});
