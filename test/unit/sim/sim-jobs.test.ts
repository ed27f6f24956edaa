// The simulator's jobs against docs/protocol.md §5.2 and §7.7: the events one task run
// produces, failed jobs and the fail rate, and GET /api/v3/jobs/{uuid}/log. The scenario is
// started at rate 0 and stepped by hand (one event per step), so nothing here races a timer.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { DrpSimulator, type TrafficOptions } from '../../sim/simulator';
import { connectWs, register, rest, type WsClient } from '../../sim/test-client';

type Obj = Record<string, unknown>;
interface Frame { Type: string; Action: string; Key: string; Principal: string; Object: Obj; Original: Obj | null }

const ZERO_TIME = '0001-01-01T00:00:00Z';
const FIRST_TASK = 'enforce-sledgehammer';

describe('simulator jobs and job logs', () => {
  let sim: DrpSimulator;
  let c: WsClient;
  let bearer: string;
  beforeEach(async () => {
    sim = await DrpSimulator.start();
    // Bearer REST calls, so no log.audit line joins the stream between the steps.
    bearer = `Bearer ${sim.mintToken('rocketskates')}`;
    c = await connectWs(sim);
    for (const f of ['jobs.*.*', 'machines.*.*', 'log.info.*']) await register(c, f);
  });
  afterEach(async () => {
    c.ws.terminate();
    await sim.stop();
  });

  const next = async (): Promise<Frame> => JSON.parse(await c.nextFrame()) as Frame;
  /** One scenario step and the one event it publishes. */
  const step = async (): Promise<Frame> => {
    sim.stepTraffic(1);
    return next();
  };
  const get = async (path: string): Promise<Obj> => JSON.parse((await rest(sim, 'GET', path, { authorization: bearer })).body) as Obj;
  const log = async (uuid: string): Promise<string> => {
    const r = await rest(sim, 'GET', `/api/v3/jobs/${uuid}/log`, { authorization: bearer });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/octet-stream');
    return r.body;
  };
  /** Starts one machine's traffic and returns its uuid once its stage is set. */
  const startOne = async (options: Partial<TrafficOptions> = {}): Promise<string> => {
    sim.startTraffic({ rate: 0, machines: 1, ...options });
    const created = await next();
    assert.deepEqual([created.Type, created.Action, created.Object.Name], ['machines', 'create', 'sim-node-01']);
    const staged = await step();
    assert.deepEqual([staged.Type, staged.Action], ['machines', 'update']);
    assert.deepEqual([staged.Object.Stage, staged.Object.Workflow, staged.Object.CurrentTask, staged.Object.Runnable], ['discover', 'discover-base', 1, true]);
    return created.Key;
  };

  it('a job walks created → running → finished with matching events, the machine’s task advancing and its log growing', async () => {
    const machine = await startOne();

    const create = await step();
    assert.deepEqual([create.Type, create.Action, create.Principal, create.Original], ['jobs', 'create', `runner:${machine}`, null]);
    const job = create.Key;
    assert.equal(create.Object.Uuid, job);
    assert.deepEqual(
      [create.Object.Machine, create.Object.Task, create.Object.Stage, create.Object.Workflow, create.Object.State, create.Object.ExitState, create.Object.Previous, create.Object.Current, create.Object.CurrentIndex, create.Object.NextIndex, create.Object.EndTime],
      [machine, FIRST_TASK, 'discover', 'discover-base', 'created', '', '', true, 2, 3, ZERO_TIME],
    );
    assert.equal(await log(job), `Log for Job: ${job}\n`);

    const moved = await step();
    assert.deepEqual([moved.Type, moved.Action, moved.Key], ['machines', 'update', machine]);
    assert.deepEqual([moved.Object.CurrentJob, moved.Object.CurrentTask, moved.Original?.CurrentTask], [job, 2, 1]);

    const running = await step();
    assert.deepEqual([running.Type, running.Action, running.Key, running.Object.State, running.Original?.State], ['jobs', 'update', job, 'running', 'created']);
    const started = await log(job);
    assert.ok(started.startsWith(`Log for Job: ${job}\nStarting task ${FIRST_TASK} on sim-node-01`), started);

    const line = await step();
    assert.deepEqual([line.Type, line.Action, line.Object.Message], ['log', 'info', `Job ${job} for sim-node-01 running task ${FIRST_TASK}`]);
    const during = await log(job);
    assert.equal((await get(`/api/v3/jobs/${job}`)).State, 'running');
    assert.ok(during.length > started.length && during.startsWith(started), 'the log grows while the job runs');
    assert.doesNotMatch(during, /Task .* complete/);

    const finished = await step();
    assert.deepEqual([finished.Type, finished.Action, finished.Key, finished.Object.State, finished.Object.ExitState, finished.Original?.State], ['jobs', 'update', job, 'finished', 'complete', 'running']);
    assert.notEqual(finished.Object.EndTime, ZERO_TIME);
    const complete = await log(job);
    assert.ok(complete.startsWith(during), 'the finished log keeps what was written while running');
    assert.ok(complete.endsWith(`Task ${FIRST_TASK} complete\n`), complete);
    assert.deepEqual(await get(`/api/v3/jobs/${job}`), finished.Object);

    // The next task: a new job pointing back at this one, which stops being Current.
    const second = await step();
    assert.deepEqual([second.Action, second.Object.Task, second.Object.Previous, second.Object.CurrentIndex], ['create', 'set-machine-ip-in-sledgehammer', job, 3]);
    const saved = await step();
    assert.deepEqual([saved.Type, saved.Action, saved.Key, saved.Object.Current], ['jobs', 'save', job, false]);
    assert.deepEqual(saved.Object, saved.Original);
    const advanced = await step();
    assert.deepEqual([advanced.Type, advanced.Object.CurrentJob, advanced.Object.CurrentTask, advanced.Original?.CurrentTask], ['machines', second.Key, 3, 2]);
    assert.equal(await log(job), complete, 'a finished job’s log no longer changes');
  });

  it('with fail rate 1 every job fails: State and ExitState failed, the machine not Runnable, the log ending with the command’s error', async () => {
    const machine = await startOne({ failRate: 1 });
    let previous = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const create = await step();
      assert.deepEqual([create.Type, create.Action, create.Object.Task, create.Object.Previous], ['jobs', 'create', FIRST_TASK, previous], 'a failed task is retried, never passed');
      const job = create.Key;
      if (previous) assert.equal((await step()).Action, 'save');
      assert.equal((await step()).Object.CurrentJob, job);
      assert.equal((await step()).Object.State, 'running');
      assert.equal((await step()).Type, 'log');

      const failed = await step();
      assert.deepEqual([failed.Type, failed.Action, failed.Key, failed.Principal], ['jobs', 'update', job, `runner:${machine}`]);
      assert.deepEqual([failed.Object.State, failed.Object.ExitState, failed.Original?.State], ['failed', 'failed', 'running']);
      assert.notEqual(failed.Object.EndTime, ZERO_TIME);
      const text = await log(job);
      assert.ok(text.startsWith(`Log for Job: ${job}\n`));
      assert.ok(text.endsWith(`/etc/sledgehammer-release: No such file or directory\nCommand ${FIRST_TASK}.sh failed: exit status 1\n`), text);

      const stopped = await step();
      assert.deepEqual([stopped.Type, stopped.Key, stopped.Object.Runnable, stopped.Original?.Runnable, stopped.Object.CurrentTask], ['machines', machine, false, true, 2]);
      assert.equal((await get(`/api/v3/machines/${machine}`)).Runnable, false);
      const resumed = await step();
      assert.deepEqual([resumed.Type, resumed.Principal, resumed.Object.Runnable], ['machines', 'user:rocketskates', true]);
      previous = job;
    }
  });

  it('the fail rate is 0 by default, and the same seed fails the same jobs', async () => {
    // No client: this test is about the scenario's choices, not about delivering them.
    const closed = new Promise((resolve) => sim.onSessionClosed(resolve));
    c.ws.terminate();
    await closed;
    /** Each job's outcome in order, F failed and . finished. A restart replays the same choices. */
    const outcomes = (options: Partial<TrafficOptions>): string => {
      let states = '';
      const sub = sim.onEvent((e) => {
        if (e.header.Type !== 'jobs' || e.header.Action !== 'update') return;
        const state = (JSON.parse(e.raw) as { Object: { State: string } }).Object.State;
        if (state === 'finished' || state === 'failed') states += state === 'failed' ? 'F' : '.';
      });
      sim.startTraffic({ rate: 0, machines: 2, ...options });
      sim.stepTraffic(500);
      sim.stopTraffic();
      sub.dispose();
      return states;
    };
    const none = outcomes({});
    assert.ok(none.length > 60 && !none.includes('F'), `no job fails unless asked: ${none}`);
    const a = outcomes({ failRate: 0.25, seed: 7 });
    assert.equal(outcomes({ failRate: 0.25, seed: 7 }), a);
    assert.notEqual(outcomes({ failRate: 0.25, seed: 8 }), a);
    const share = a.split('').filter((x) => x === 'F').length / a.length;
    assert.ok(share > 0.15 && share < 0.35, `share ${share} of ${a.length} jobs`);
  });

  it('rejects a fail rate outside 0..1', () => {
    for (const failRate of [-0.1, 1.5, Number.NaN]) {
      assert.throws(() => sim.startTraffic({ rate: 0, failRate }), /The fail rate must be a number from 0 to 1/);
    }
  });

  it('the log endpoint: headers as http.ServeFile sends them, one byte range, PUT appends without an event', async () => {
    await startOne();
    const job = (await step()).Key;
    const r = await rest(sim, 'GET', `/api/v3/jobs/${job}/log`, { authorization: bearer });
    assert.equal(r.headers['accept-ranges'], 'bytes');
    assert.equal(r.headers['content-length'], String(Buffer.byteLength(r.body)));
    assert.ok(!Number.isNaN(Date.parse(String(r.headers['last-modified']))));

    const put = await rest(sim, 'PUT', `/api/v3/jobs/${job}/log`, { authorization: bearer, rawBody: 'appended by hand\n', headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(put.status, 204);
    assert.deepEqual(await c.barrier(), [], 'appending to a log publishes nothing');
    assert.equal(await log(job), `Log for Job: ${job}\nappended by hand\n`);
    const json = await rest(sim, 'PUT', `/api/v3/jobs/${job}/log`, { authorization: bearer, body: 'text' });
    assert.equal(json.status, 415);
    assert.equal(json.body, '{"Model":"","Key":"","Type":"API ERROR","Messages":["job log put must have content-type application/octet-stream"],"Code":415}');

    const tail = await rest(sim, 'GET', `/api/v3/jobs/${job}/log`, { authorization: bearer, headers: { range: 'bytes=-17' } });
    assert.deepEqual([tail.status, tail.headers['content-range'], tail.body], [206, `bytes ${r.body.length}-${r.body.length + 16}/${r.body.length + 17}`, 'appended by hand\n']);
    const past = await rest(sim, 'GET', `/api/v3/jobs/${job}/log`, { authorization: bearer, headers: { range: 'bytes=9999-' } });
    assert.deepEqual([past.status, past.headers['content-range']], [416, `bytes */${r.body.length + 17}`]);
  });

  it('an unknown job’s log is 404 with the DRP error body; without or with bad credentials 401/403 as on other routes', async () => {
    const unknown = '3e7031fe-3062-45f1-835c-92541bc9cbd3';
    const missing = await rest(sim, 'GET', `/api/v3/jobs/${unknown}/log`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(missing.body, `{"Model":"","Key":"","Type":"ValidationError","Messages":["Job ${unknown} does not exist"],"Code":404}`);

    const anonymous = await rest(sim, 'GET', `/api/v3/jobs/${unknown}/log`, { authorization: null });
    assert.deepEqual([anonymous.status, anonymous.headers['www-authenticate'], anonymous.body], [401, 'dr-provision', '']);
    const wrong = await rest(sim, 'GET', `/api/v3/jobs/${unknown}/log`, { authorization: `Basic ${Buffer.from('rocketskates:nope').toString('base64')}` });
    const wrongProfile = await rest(sim, 'GET', '/api/v3/profiles/global', { authorization: `Basic ${Buffer.from('rocketskates:nope').toString('base64')}` });
    assert.equal(wrong.status, 403);
    assert.deepEqual([wrong.status, wrong.body], [wrongProfile.status, wrongProfile.body]);
  });
});

describe('npm run sim: --fail-rate', () => {
  const main = join(__dirname, '..', '..', '..', 'sim', 'main.js');
  const run = (args: string[]): Promise<{ code: number | null; stderr: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, [main, ...args], { timeout: 10_000 }, (err, _stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stderr });
      });
    });

  it('refuses a rate that is not a number from 0 to 1 with a clear message and exit code 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--fail-rate', '2'], /--fail-rate must be a number from 0 to 1, such as 0\.05 for 5% of jobs \(got "2"\)\./],
      [['--fail-rate', '-0.1'], /\(got "-0\.1"\)/],
      [['--fail-rate', 'often'], /\(got "often"\)/],
      [['--fail-rate', ''], /\(got ""\)/],
      [['--fail-rate'], /--fail-rate needs a value\./],
    ];
    const results = await Promise.all(cases.map(([args]) => run(['--port', '0', ...args])));
    results.forEach((r, i) => {
      assert.equal(r.code, 2, `${cases[i][0].join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, cases[i][1]);
    });
  });
});
