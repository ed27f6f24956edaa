import * as assert from 'node:assert/strict';
import type { Credential } from '../../../../src/core/endpoint/credentials';
import { normalizeEndpoint } from '../../../../src/core/endpoint/endpoint';
import { connectionOptions, endpointOf, restClientFor, type Endpoint } from '../../../../src/core/endpoint/endpoint-clients';
import { DrpRestClient } from '../../../../src/core/endpoint/rest-client';
import type { TlsTrust } from '../../../../src/core/endpoint/tls-trust';

const ENDPOINT: Endpoint = {
  origin: 'https://10.0.0.5:8092',
  restBase: 'https://10.0.0.5:8092/api/v3',
  wsUrl: 'wss://10.0.0.5:8092/api/v3/ws',
  display: '10.0.0.5:8092',
};

/** A credential store that says which origins it was asked about. */
function store(byOrigin: Record<string, Credential>) {
  const asked: string[] = [];
  return {
    asked,
    get: async (origin: string): Promise<Credential | undefined> => {
      asked.push(origin);
      return byOrigin[origin];
    },
  };
}

describe('endpoint clients', () => {
  describe('endpointOf', () => {
    it('keeps the addresses and drops the credential and notes', () => {
      const normalized = normalizeEndpoint('http://10.0.0.5:8092/api/v3/ws?token=rocketskates:r0cketsk8ts');
      assert.ok(normalized.ok);
      assert.ok(normalized.credential && normalized.notes.length > 0, 'the fixture carries a credential and notes');
      const endpoint = endpointOf(normalized);
      assert.deepEqual(endpoint, ENDPOINT);
      assert.ok(!JSON.stringify(endpoint).includes('r0cketsk8ts'));
    });
  });

  describe('connectionOptions', () => {
    it('carries the websocket address, trust and log', () => {
      const trust: TlsTrust = { mode: 'pinned', fingerprint256: 'AA:BB' };
      const lines: string[] = [];
      const options = connectionOptions(ENDPOINT, trust, store({}).get, (l) => lines.push(l));
      assert.equal(options.wsUrl, ENDPOINT.wsUrl);
      assert.deepEqual(options.trust, trust);
      options.log?.('hello');
      assert.deepEqual(lines, ['hello']);
    });

    it('reads the credential for the endpoint origin afresh on every ask', async () => {
      const creds: Record<string, Credential> = { [ENDPOINT.origin]: { kind: 'token', token: 'first' }, 'https://other:8092': { kind: 'token', token: 'wrong' } };
      const s = store(creds);
      const options = connectionOptions(ENDPOINT, { mode: 'system' }, s.get, () => undefined);
      assert.deepEqual(s.asked, [], 'not read when the options are built');
      assert.deepEqual(await options.credential(), { kind: 'token', token: 'first' });
      creds[ENDPOINT.origin] = { kind: 'basic', username: 'u', password: 'p' };
      assert.deepEqual(await options.credential(), { kind: 'basic', username: 'u', password: 'p' });
      assert.deepEqual(s.asked, [ENDPOINT.origin, ENDPOINT.origin]);
    });
  });

  describe('restClientFor', () => {
    it('throws the problem sentence when there is no endpoint, asking nothing', async () => {
      const s = store({});
      let trustAsked = 0;
      const trustFor = async () => {
        trustAsked++;
        return { mode: 'system' } as const;
      };
      await assert.rejects(restClientFor(undefined, 'drp.endpoint is not usable: The endpoint is empty.', trustFor, s.get), {
        message: 'drp.endpoint is not usable: The endpoint is empty.',
      });
      await assert.rejects(restClientFor(undefined, undefined, trustFor, s.get), { message: 'No DRP endpoint is configured. Set drp.endpoint.' });
      assert.equal(trustAsked, 0);
      assert.deepEqual(s.asked, []);
    });

    it('builds a client with the trust for the origin that reads the origin credential on each call', async () => {
      const s = store({});
      const trustAsked: string[] = [];
      const client = await restClientFor(ENDPOINT, undefined, async (origin) => {
        trustAsked.push(origin);
        return { mode: 'insecure' };
      }, s.get);
      assert.ok(client instanceof DrpRestClient);
      assert.deepEqual(trustAsked, [ENDPOINT.origin]);
      assert.deepEqual(s.asked, []);
      // Signed out: the client says so before touching the network.
      await assert.rejects(client.info(), /no credentials are stored for this endpoint/);
      await assert.rejects(client.objects(), /no credentials are stored/);
      assert.deepEqual(s.asked, [ENDPOINT.origin, ENDPOINT.origin]);
    });
  });
});
