import * as assert from 'node:assert/strict';
import {
  MAX_FRAME_BYTES,
  MAX_WIRE_FILTERS,
  checkFilter,
  compileFilter,
  describeFilter,
  formatFilter,
  isSafeWireFilter,
  splitFilter,
  unescapeFilterItem,
  type FilterCheck,
} from '../../../../src/core/filters/filter';

function ok(check: FilterCheck): Extract<FilterCheck, { ok: true }> {
  if (!check.ok) assert.fail(`expected a valid filter, got: ${check.message}`);
  return check;
}
function bad(check: FilterCheck): string {
  if (check.ok) assert.fail(`expected a rejection, got wire ${check.wire.join(' ')}`);
  return check.message;
}

describe('splitFilter / formatFilter', () => {
  it('splits at the first two dots only, so keys keep their dots', () => {
    assert.deepEqual(splitFilter('bootenvs.update.ubuntu-20.04-install'), {
      type: 'bootenvs',
      action: 'update',
      key: 'ubuntu-20.04-install',
    });
  });
  it('returns undefined for fewer than three parts and keeps empty parts otherwise', () => {
    assert.equal(splitFilter('machines'), undefined);
    assert.equal(splitFilter('machines.*'), undefined);
    assert.deepEqual(splitFilter('..'), { type: '', action: '', key: '' });
  });
  it('formats parts back into the same text', () => {
    const text = 'params.*.a.b.c';
    assert.equal(formatFilter(splitFilter(text)!), text);
  });
});

describe('checkFilter', () => {
  it('accepts a plain filter and returns it as its only wire filter', () => {
    const c = ok(checkFilter('  machines.*.*  '));
    assert.equal(c.filter, 'machines.*.*');
    assert.deepEqual(c.parts, { type: 'machines', action: '*', key: '*' });
    assert.deepEqual(c.wire, ['machines.*.*']);
    assert.deepEqual(c.warnings, []);
  });

  it('accepts keys that contain dots', () => {
    assert.deepEqual(ok(checkFilter('bootenvs.update.ubuntu-20.04-install')).wire, ['bootenvs.update.ubuntu-20.04-install']);
  });

  it('rejects an empty filter with a sentence that shows the expected shape', () => {
    assert.match(bad(checkFilter('   ')), /empty.*type\.action\.key/);
  });

  it('rejects whitespace or control characters inside the filter', () => {
    assert.match(bad(checkFilter('machines.*.my key')), /space or control character/);
    assert.match(bad(checkFilter('machines.*.a\tb')), /space or control character/);
    assert.match(bad(checkFilter('machines.*.a\u0000b')), /\\u0000/);
    assert.match(bad(checkFilter('machines.*.a\u00a0b')), /space/);
  });

  it('rejects fewer than three parts, says how many, suggests a fix and says why', () => {
    const m = bad(checkFilter('machines.*'));
    assert.match(m, /‘machines\.\*’ has 2 parts; a filter needs three: type\.action\.key, e\.g\. machines\.\*\.\*/);
    assert.match(m, /crash/);
    assert.match(bad(checkFilter('*')), /has 1 part;.*e\.g\. \*\.\*\.\*/);
    assert.match(bad(checkFilter('profiles.update')), /2 parts/);
  });

  it('rejects an empty part and names it', () => {
    assert.match(bad(checkFilter('machines..x')), /empty action.*machines\.\*\.x/);
    assert.match(bad(checkFilter('.create.x')), /empty type/);
    assert.match(bad(checkFilter('machines.create.')), /empty key/);
  });

  it('rejects partial globs because DRP has no globs', () => {
    assert.match(bad(checkFilter('mach*.*.*')), /no globs.*‘mach\*’.*whole field/);
    assert.match(bad(checkFilter('profiles.*.ubuntu*')), /no globs/);
    assert.match(bad(checkFilter('machines,prof*.*.*')), /no globs/);
  });

  it('rejects a frame whose deregister form is over 512 UTF-8 bytes, counting multibyte characters', () => {
    const prefix = 'profiles.*.';
    const fits = prefix + 'k'.repeat(MAX_FRAME_BYTES - 'deregister '.length - prefix.length);
    assert.equal(Buffer.byteLength(`deregister ${fits}`), MAX_FRAME_BYTES);
    ok(checkFilter(fits));
    assert.match(bad(checkFilter(fits + 'k')), /513-byte frame.*512 bytes/);
    // 'é' is two bytes in UTF-8 but one UTF-16 unit: a length check would let this through.
    const multibyte = prefix + 'é'.repeat(Math.ceil((MAX_FRAME_BYTES - 'deregister '.length - prefix.length) / 2) + 1);
    assert.ok(multibyte.length < MAX_FRAME_BYTES);
    assert.match(bad(checkFilter(multibyte)), /byte frame/);
  });

  it('expands comma lists into the sorted, deduplicated cross product of wire filters', () => {
    const c = ok(checkFilter('machines,jobs.update,save.*'));
    assert.equal(c.filter, 'machines,jobs.update,save.*');
    assert.deepEqual(c.wire, ['jobs.save.*', 'jobs.update.*', 'machines.save.*', 'machines.update.*']);
    assert.deepEqual(ok(checkFilter('jobs,jobs.create.*')).wire, ['jobs.create.*']);
  });

  it('trims list items and normalises the filter text', () => {
    const c = ok(checkFilter('machines , jobs.create.*'));
    assert.equal(c.filter, 'machines,jobs.create.*');
    assert.deepEqual(c.wire, ['jobs.create.*', 'machines.create.*']);
  });

  it('unescapes \\1 to a dot in keys', () => {
    assert.deepEqual(ok(checkFilter('params.*.a\\1b')).wire, ['params.*.a.b']);
    assert.deepEqual(ok(checkFilter('params.*.a\\1b,c')).wire, ['params.*.a.b', 'params.*.c']);
  });

  it('rejects values that cannot be expressed as a single v3 wire filter', () => {
    assert.match(bad(checkFilter('params.*.a\\2b')), /comma/);
    assert.match(bad(checkFilter('params.*.\\3')), /literal \*/);
    assert.match(bad(checkFilter('a\\1b.*.*')), /type containing a dot/);
    assert.match(bad(checkFilter('machines.up\\1date.*')), /action containing a dot/);
    assert.match(bad(checkFilter('machines,*.*.*')), /inside a type list/);
    assert.match(bad(checkFilter('machines,,jobs.*.*')), /empty item/);
  });

  it('accepts a key with an escaped star that is not a lone star', () => {
    assert.deepEqual(ok(checkFilter('params.*.a\\3')).wire, ['params.*.a*']);
  });

  it(`rejects lists that expand to more than ${MAX_WIRE_FILTERS} wire filters`, () => {
    const eight = Array.from({ length: 8 }, (_, i) => `t${i}`).join(',');
    assert.equal(ok(checkFilter(`${eight}.${eight}.*`)).wire.length, 64);
    assert.match(bad(checkFilter(`${eight}.${eight}.a,b`)), /128 registrations; the limit is 64/);
  });

  it('warns, without rejecting, about uppercase types and actions', () => {
    const c = ok(checkFilter('Machines.CREATE.Node-01'));
    assert.deepEqual(c.warnings, [
      'DRP types and actions are lowercase; ‘Machines’ will match nothing.',
      'DRP types and actions are lowercase; ‘CREATE’ will match nothing.',
    ]);
  });

  it('warns that *.*.* receives everything, including noise', () => {
    const c = ok(checkFilter('*.*.*'));
    assert.deepEqual(c.wire, ['*.*.*']);
    assert.equal(c.warnings.length, 1);
    assert.match(c.warnings[0], /every event.*log.*static\/tftp/);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '.', '..', '...', '\\', ',.,.,', '*.*.*.*', 'a.b.c\\', '\u{1F600}.a.b']) {
      assert.doesNotThrow(() => checkFilter(text));
    }
    // The key of *.*.*.* is `*.*`, a partial glob, not "any".
    assert.match(bad(checkFilter('*.*.*.*')), /no globs/);
  });

  it('produces wire filters that all pass isSafeWireFilter', () => {
    for (const text of ['machines,jobs.update,save.*', 'params.*.a\\1b', 'bootenvs.*.ubuntu-20.04-install']) {
      for (const wire of ok(checkFilter(text)).wire) assert.ok(isSafeWireFilter(wire), wire);
    }
  });
});

describe('isSafeWireFilter', () => {
  it('accepts single filters of three non-empty parts', () => {
    assert.ok(isSafeWireFilter('*.*.*'));
    assert.ok(isSafeWireFilter('bootenvs.update.ubuntu-20.04-install'));
  });
  it('refuses anything that could crash or confuse the endpoint', () => {
    for (const wire of ['*', 'profiles.update', 'a..c', '.b.c', 'a.b.', 'a b.c.d', 'a.b.c\n', 'a,b.c.d', '']) {
      assert.equal(isSafeWireFilter(wire), false, JSON.stringify(wire));
    }
    assert.equal(isSafeWireFilter(undefined as unknown as string), false);
  });
  it('refuses a filter whose deregister frame exceeds 512 bytes', () => {
    const fits = 'a.b.' + 'k'.repeat(MAX_FRAME_BYTES - 'deregister a.b.'.length);
    assert.ok(isSafeWireFilter(fits));
    assert.equal(isSafeWireFilter(fits + 'k'), false);
  });
});

describe('compileFilter', () => {
  const header = { type: 'machines', action: 'update', key: 'node.01' };
  const cases: Array<[string, boolean]> = [
    ['*.*.*', true],
    ['machines.*.*', true],
    ['machines.update.node.01', true],
    ['machines.update.node', false],
    ['Machines.*.*', false],
    ['machines.UPDATE.*', false],
    ['jobs.*.*', false],
    ['jobs,machines.save,update.*', true],
    ['jobs,machines.save.*', false],
    ['machines.*.node\\101', true],
    ['machines.*.x,node\\101', true],
  ];
  for (const [filter, expected] of cases) {
    it(`${filter} ${expected ? 'matches' : 'does not match'} machines.update.node.01`, () => {
      const parts = splitFilter(filter)!;
      assert.equal(compileFilter(parts)(header), expected);
    });
  }
  it('compares wire filters exactly without unescaping plain values', () => {
    assert.equal(compileFilter(splitFilter('a.b.c')!)({ type: 'a', action: 'b', key: 'c' }), true);
    assert.equal(compileFilter(splitFilter('a.b.c')!)({ type: 'a', action: 'b', key: 'C' }), false);
  });
});

describe('unescapeFilterItem', () => {
  it('maps \\1 \\2 \\3 to . , * and leaves other backslashes alone', () => {
    assert.equal(unescapeFilterItem('a\\1b\\2c\\3d\\4'), 'a.b,c*d\\4');
    assert.equal(unescapeFilterItem('plain'), 'plain');
  });
});

describe('describeFilter', () => {
  it('describes wildcards and values in plain English', () => {
    assert.equal(describeFilter('machines.*.*'), 'machines events of any action for any key');
    assert.equal(describeFilter('*.*.*'), 'all events of any action for any key');
    assert.equal(describeFilter('bootenvs.update.ubuntu-20.04-install'), 'bootenvs events with action update for key ubuntu-20.04-install');
    assert.equal(describeFilter('machines,jobs.update,save.*'), 'machines or jobs events with action update or save for any key');
    assert.equal(describeFilter('params.*.a\\1b'), 'params events of any action for key a.b');
  });
  it('says when the text is not a filter', () => {
    assert.match(describeFilter('machines'), /not a filter/);
  });
});
