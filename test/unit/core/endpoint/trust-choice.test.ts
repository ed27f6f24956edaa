import * as assert from 'node:assert/strict';
import { chooseTrust, type TrustedCertificate } from '../../../../src/core/endpoint/trust-choice';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const PINNED: TrustedCertificate = { fingerprint256: 'AB:CD:EF', pem: PEM };

/** A fake file reader that records what it was asked for. */
function reader(files: Record<string, string | Buffer>) {
  const asked: string[] = [];
  const read = async (path: string): Promise<string | Buffer> => {
    asked.push(path);
    const content = files[path];
    if (content === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return content;
  };
  return { read, asked };
}

describe('trust choice', () => {
  it('insecure wins over a pinned certificate and a CA file, and reads no file', async () => {
    const r = reader({ '/ca.pem': PEM });
    const choice = await chooseTrust({ insecure: true, caFile: '/ca.pem' }, PINNED, r.read);
    assert.deepEqual(choice, { trust: { mode: 'insecure' } });
    assert.deepEqual(r.asked, []);
  });

  it('a pinned certificate wins over a CA file, with its PEM when stored', async () => {
    const r = reader({ '/ca.pem': PEM });
    const choice = await chooseTrust({ insecure: false, caFile: '/ca.pem' }, PINNED, r.read);
    assert.deepEqual(choice, { trust: { mode: 'pinned', fingerprint256: 'AB:CD:EF', certPem: PEM } });
    assert.deepEqual(r.asked, []);
  });

  it('a pin saved without its PEM is a fingerprint alone', async () => {
    const choice = await chooseTrust({ insecure: false, caFile: '' }, { fingerprint256: 'AB:CD:EF' }, reader({}).read);
    assert.deepEqual(choice, { trust: { mode: 'pinned', fingerprint256: 'AB:CD:EF' } });
  });

  it('a CA file is read and trusted as given, and its path kept to name it in a refusal', async () => {
    const buffer = Buffer.from(PEM);
    const r = reader({ '/etc/drp/ca.pem': buffer });
    const choice = await chooseTrust({ insecure: false, caFile: '/etc/drp/ca.pem' }, undefined, r.read);
    assert.deepEqual(choice, { trust: { mode: 'ca', caPem: buffer, caFile: '/etc/drp/ca.pem' } });
    assert.deepEqual(r.asked, ['/etc/drp/ca.pem']);
  });

  it('an unreadable CA file falls back to the system authorities and says why', async () => {
    const choice = await chooseTrust({ insecure: false, caFile: '/missing.pem' }, undefined, reader({}).read);
    assert.deepEqual(choice.trust, { mode: 'system' });
    assert.equal(choice.caFileError, "ENOENT: no such file or directory, open '/missing.pem'");
  });

  it('a reader failing with a non-Error still gives a sentence', async () => {
    const choice = await chooseTrust({ insecure: false, caFile: '/x' }, undefined, () => Promise.reject('denied'));
    assert.deepEqual(choice, { trust: { mode: 'system' }, caFileError: 'denied' });
  });

  it('without settings or a pin: the system authorities, no error', async () => {
    const r = reader({});
    const choice = await chooseTrust({ insecure: false, caFile: '' }, undefined, r.read);
    assert.deepEqual(choice, { trust: { mode: 'system' } });
    assert.equal('caFileError' in choice, false);
    assert.deepEqual(r.asked, []);
  });
});
