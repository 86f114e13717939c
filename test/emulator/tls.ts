/**
 * A throwaway certificate authority and a 127.0.0.1/localhost server certificate, made with the
 * `openssl` command line at start, so clients' custom-CA (and proxy) settings can be exercised.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsMaterial {
  caPem: string;
  key: string;
  cert: string;
}

export async function makeTlsMaterial(openssl = 'openssl'): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-tls-'));
  const f = (name: string) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    await run(openssl, [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      f('ca.key'),
      '-out',
      f('ca.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=Security Hub emulator throwaway CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await run(openssl, ['req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1']);
    await writeFile(
      f('ext.cnf'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n',
    );
    await run(openssl, [
      'x509',
      '-req',
      '-in',
      f('server.csr'),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-out',
      f('server.pem'),
      '-days',
      '2',
      '-extfile',
      f('ext.cnf'),
    ]);
    const [caPem, key, cert] = await Promise.all([
      readFile(f('ca.pem'), 'utf8'),
      readFile(f('server.key'), 'utf8'),
      readFile(f('server.pem'), 'utf8'),
    ]);
    return { caPem, key, cert };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
