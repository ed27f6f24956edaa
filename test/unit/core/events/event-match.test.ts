import assert from 'node:assert/strict';
import { eventMatcher, hasOriginal, textMatcher } from '../../../../src/core/events/event-match';

describe('textMatcher', () => {
  it('matches a substring case-insensitively', () => {
    const m = textMatcher('MaChInE-7');
    assert.ok(m);
    assert.equal(m('{"Key":"machine-7x"}'), true);
    assert.equal(m('{"Key":"machine-8"}'), false);
  });

  it('treats regular-expression characters literally', () => {
    const m = textMatcher('a.b*(c)[d]/e-f');
    assert.ok(m);
    assert.equal(m('xx a.b*(c)[d]/e-f yy'), true);
    assert.equal(m('xx aXbbb(c)[d]/e-f yy'), false);
  });

  it('folds case for non-ASCII queries too', () => {
    const m = textMatcher('ÉTÉ');
    assert.ok(m);
    assert.equal(m('{"Description":"un été"}'), true);
  });

  it('returns undefined for an empty query (everything matches)', () => {
    assert.equal(textMatcher(''), undefined);
  });
});

describe('hasOriginal', () => {
  it('is false for a null Original and true for an object', () => {
    assert.equal(hasOriginal('{"Type":"x","Object":{},"Original":null}'), false);
    assert.equal(hasOriginal('{"Type":"x","Object":{},"Original":{"Name":"a"}}'), true);
    assert.equal(hasOriginal('{"Type":"x","Object":{}}'), false);
  });
});

describe('eventMatcher', () => {
  const event = (type: string, action: string, body: string) => ({ type, action, raw: `{"Type":"${type}","Action":"${action}","Object":${JSON.stringify(body)}}` });
  it('compares types and actions exactly and the text case-insensitively, all of them together', () => {
    const m = eventMatcher({ text: 'node-01', types: ['machines'], actions: ['create', 'delete'] });
    assert.equal(m(event('machines', 'create', 'Node-01')), true);
    assert.equal(m(event('machines', 'update', 'node-01')), false);
    assert.equal(m(event('Machines', 'create', 'node-01')), false);
    assert.equal(m(event('machines', 'delete', 'node-02')), false);
  });
  it('matches everything when the query is empty', () => {
    assert.equal(eventMatcher({ text: '', types: [], actions: [] })(event('jobs', 'save', 'x')), true);
  });
});
