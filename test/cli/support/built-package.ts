import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface BuiltPackage {
  /** The package's directory: bin/, dist/src/, package.json, node_modules (a link). */
  readonly root: string;
  /** Its bin/consent-ledger.js. */
  readonly bin: string;
  remove(): void;
}

/**
 * The package as `npm run build` leaves it in a clone, in a temporary directory: bin/ and
 * package.json copied, node_modules linked, and in dist/src/ the CLI entry with the
 * `commands` (modules of src/cli/, e.g. `verify.command`) and everything they import,
 * compiled by compile-cli.js. Only what the named commands load is compiled, so building
 * stays quick, and a command left out fails to load. A test runs the real bin/ this way
 * without needing, or touching, the clone's own dist/.
 */
export function buildPackage(commands: readonly string[]): BuiltPackage {
  const root = mkdtempSync(join(tmpdir(), 'consent-ledger-package-'));
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    cpSync(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
    copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    execFileSync(process.execPath, [join(__dirname, 'compile-cli.js'), root, ...commands], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 120_000,
    });
  } catch (error) {
    remove();
    throw error;
  }
  return { root, bin: join(root, 'bin', 'consent-ledger.js'), remove };
}
