#!/usr/bin/env node
// The `consent-ledger` command: runs the compiled CLI (build first with `npm run build`).
//
// The service's commands need Node >= 24 (node:sqlite). On an older Node this script runs
// itself again under the Node 24 that bin/with-node-24 provides (installed once from the
// npm registry into a cache, as the npm scripts do), or says in one line why it cannot.
// `verify` and `verify-certificate`, which an auditor runs on their own machine, and the
// command list (`--help`) load no store and run here on any Node >= 20 (docs/adr/0025).
// Kept to what Node 20 can parse and run.
'use strict';
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const NEEDED_MAJOR = 24;
const PORTABLE_MIN_MAJOR = 20;
/** Commands whose code loads nothing of the service (src/cli/main.ts loads each lazily). */
const PORTABLE_COMMANDS = new Set(['verify', 'verify-certificate']);
/** Set in the environment of the re-run, so that it never re-runs again. */
const RERUN_MARK = 'CONSENT_LEDGER_NODE_RERUN';

const args = process.argv.slice(2);
const major = Number(process.versions.node.split('.')[0]);

if (major >= NEEDED_MAJOR || (major >= PORTABLE_MIN_MAJOR && runsOnAnyNode(args))) {
  runHere();
} else if (process.env[RERUN_MARK] === '1') {
  fail(
    `needs Node.js ${NEEDED_MAJOR} or later, and the Node it was re-run with is ${process.version}`,
  );
} else {
  rerunUnderNode24();
}

/** `verify …`, `verify-certificate …`, `help verify`, and the bare command list. */
function runsOnAnyNode(argv) {
  const command = argv[0] === 'help' ? argv[1] : argv[0];
  return command === undefined || command.startsWith('-') || PORTABLE_COMMANDS.has(command);
}

function runHere() {
  const cli = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(cli)) {
    fail('is not built yet: run `npm run build` in the project first');
  }
  require(cli);
}

function fail(why) {
  console.error(`consent-ledger ${why}.`);
  process.exit(1);
}

/**
 * Asks bin/with-node-24 for a Node >= 24 (it installs one into its cache when needed; its
 * own notice is passed through, npm's output is kept back) and runs this script under it.
 */
function rerunUnderNode24() {
  const command = args[0] === 'help' ? args[1] : args[0];
  const what = command === undefined ? '' : `${command} `;
  const cannot = (why) =>
    fail(
      `${what}needs Node.js ${NEEDED_MAJOR} or later (this is ${process.version}) and ${why}; install Node.js ${NEEDED_MAJOR} and retry (verify and verify-certificate run on this Node)`,
    );
  const probe = spawn(
    'bash',
    [
      join(__dirname, 'with-node-24'),
      'node',
      '-p',
      'JSON.stringify([process.version, process.execPath])',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let npmError = '';
  let notified = false;
  probe.stdout.on('data', (chunk) => (stdout += chunk));
  probe.stderr.on('data', (chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (line.trim() === '') continue;
      if (/^npm /.test(line)) {
        // npm's own report: kept back, its first error named in the one line below.
        if (/^npm (ERR!|error) /.test(line)) npmError ||= line.replace(/^npm \S+\s*/, '').trim();
      } else if (/needs Node\.js 24/.test(line)) {
        // bin/with-node-24's own one-line refusal (no Node 24 build for this platform).
        notified = true;
        console.error(line);
      } else {
        console.error(line);
      }
    }
  });
  probe.on('error', (error) =>
    cannot(`bin/with-node-24 could not be run (${error.code ?? error.message})`),
  );
  probe.on('close', (code) => {
    const found = code === 0 ? parsedNode(stdout) : undefined;
    if (found !== undefined) {
      runUnder(found);
    } else if (notified) {
      process.exit(1);
    } else {
      cannot(
        npmError === ''
          ? 'bin/with-node-24 could not provide it'
          : `installing it from the npm registry failed (${npmError})`,
      );
    }
  });
}

/** The Node that `node -p` answered with, when it is recent enough. */
function parsedNode(stdout) {
  try {
    const [version, execPath] = JSON.parse(stdout);
    const ok = Number(String(version).slice(1).split('.')[0]) >= NEEDED_MAJOR;
    return ok && typeof execPath === 'string' && execPath !== '' ? execPath : undefined;
  } catch {
    return undefined;
  }
}

/** Runs this script under `node`, passing its exit status on. */
function runUnder(node) {
  const child = spawn(node, [__filename, ...args], {
    stdio: 'inherit',
    env: { ...process.env, [RERUN_MARK]: '1' },
  });
  // A terminal's Ctrl-C reaches the child directly (same process group): ignore it here so
  // the child shuts down once. Signals sent to this process alone are passed on.
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('error', (error) => fail(`could not start ${node}: ${error.code ?? error.message}`));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else {
      process.exit(code ?? 1);
    }
  });
}
