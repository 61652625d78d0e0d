import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * Compiles the service once for the whole suite, so that three starts and every restart load
 * JavaScript instead of compiling the sources each (seconds apiece on a busy machine, and
 * three at once on two cores). Type checking is `npm test`'s job, so this only emits. The
 * output goes under dist/ (ignored by git) to keep node_modules resolvable; when
 * SERVICE_PROCESS_ENTRY already names a build (a long run), that one is used. Returns what
 * undoes it: the setting restored and the output removed.
 */
export async function useBuiltService(): Promise<() => void> {
  if (process.env.SERVICE_PROCESS_ENTRY) return () => undefined;
  const outDir = join('dist', `replicas-test-${randomBytes(4).toString('hex')}`);
  await promisify(execFile)(
    process.execPath,
    [TSC, '-p', 'tsconfig.build.json', '--outDir', outDir, '--noCheck'],
    { cwd: ROOT },
  );
  process.env.SERVICE_PROCESS_ENTRY = join(outDir, 'src', 'main.js');
  return () => {
    delete process.env.SERVICE_PROCESS_ENTRY;
    rmSync(join(ROOT, outDir), { recursive: true, force: true });
  };
}
