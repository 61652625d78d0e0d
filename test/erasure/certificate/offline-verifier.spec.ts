import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The certificate verifier runs on an auditor's machine with a certificate and a key:
 * loading it in a fresh process loads no framework, store or HTTP module (docs/adr/0016).
 */
it('loads nothing of the service', async () => {
  const script = `
    require('./src/erasure/certificate/verify/verify-certificate');
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', join(ROOT, 'test', 'support', 'register-ts.js'), '-e', script],
    { cwd: ROOT, timeout: 60_000 },
  );
  const loaded = (JSON.parse(stdout) as string[]).map((path) => path.replace(`${ROOT}/`, ''));
  expect(
    loaded.filter((path) =>
      /node_modules\/(@nestjs|pg|fastify|rxjs|reflect-metadata)\//.test(path),
    ),
  ).toEqual([]);
  expect(
    loaded.filter((path) =>
      /^src\/(event-store\/(sqlite|postgres|kurrentdb)|read-store|projections|http|keys|config)\//.test(
        path,
      ),
    ),
  ).toEqual([]);
  expect(loaded).toContain('src/erasure/certificate/verify/verify-certificate.ts');
}, 60_000);
