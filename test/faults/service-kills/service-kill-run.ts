import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadSigningKeyFile } from '../../../src/audit/checkpoints/signing-key-file';
import { parseVerifierKey } from '../../../src/audit/note/note-keys';
import { TENANT_WIDE_ROLES } from '../../../src/auth/role';
import type { EventStore, RecordedEvent } from '../../../src/event-store/event-store.port';
import {
  CommandLoad,
  isRetryableUnavailable,
  type Acknowledged,
  type Answer,
} from '../../support/command-load';
import { median } from '../../../bench/support/stats';
import { initialAdminKeyFile, readInitialAdminKey } from '../../support/credentials';
import { HttpTarget } from '../../support/http-target';
import { ServiceProcess } from '../../support/service-process';
import { readWholeLog } from '../../support/whole-log';
import { checkpointProblems } from './checkpoint-check';
import { CheckpointWatch } from './checkpoint-watch';
import { exportAndVerify } from './export-and-verify';
import { journalProblems } from './journal-check';
import { projectionAnswers } from './projection-answers';

const ORIGIN = 'consent-ledger.local/default';
const CLIENTS = 6;
const CHECKPOINT_EVERY_KILLS = 5;
/** A client that gets no 2xx for this long fails the run: only catches a service that never comes back. */
const GIVE_UP_AFTER_MS = 120_000;

/** One event store (with its read and key stores) the service runs on. */
export interface StoreUnderTest {
  readonly name: string;
  /** Store settings of the service that is killed. */
  env(dataDir: string): Record<string, string>;
  /** The same event and key stores with an empty read store: a service rebuilt from the log. */
  rebuiltEnv(dataDir: string): Record<string, string>;
  openEventStore(dataDir: string): Promise<EventStore>;
  /** Drops what the run left in the store (schemas); the data directory goes anyway. */
  cleanUp(): Promise<void>;
}

/** What went wrong, per check: every list is empty after a run that kept its promises. */
export interface KillRunProblems {
  /** Answers other than 2xx and 503 problem+json with Retry-After. */
  readonly wrongAnswers: Answer[];
  /** Exits of the killed or the rebuilt service nobody asked for (a crash). */
  readonly unexpectedExits: string[];
  /** Acknowledged commands lost, duplicated or reordered in the event log. */
  readonly journal: string[];
  /** Retries of acknowledged commands not answered from their record. */
  readonly replays: string[];
  /** Published checkpoints that do not hold for the final tree. */
  readonly checkpoints: string[];
  /** Acknowledged commands whose event has no leaf in the verified whole-log export. */
  readonly unproven: string[];
  /** `consent-ledger verify` on the export: its report unless it passed. */
  readonly verify: string[];
  /** The killed service's read side answers differently from one rebuilt from the log. */
  readonly projections: string[];
}

export interface KillRunResult {
  readonly problems: KillRunProblems;
  readonly figures: Readonly<Record<string, unknown>>;
}

/**
 * Issue #13: the service in its own process under concurrent HTTP command load, killed with
 * SIGKILL `kills` times at random moments and restarted each time; then everything it
 * acknowledged is checked against what it stored (see `KillRunProblems`). `dispose` ends
 * every process and removes the data, also after a failure.
 */
export class ServiceKillRun {
  private readonly services: ServiceProcess[] = [];
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-kills-'));

  constructor(
    private readonly store: StoreUnderTest,
    private readonly kills: number,
  ) {}

  async dispose(): Promise<void> {
    for (const service of this.services) await service.kill();
    try {
      await this.store.cleanUp();
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }

  async run(): Promise<KillRunResult> {
    const startedAt = performance.now();
    const service = await this.startService(this.store.env(this.dataDir));
    const apiKey = await createKey(service.url, readInitialAdminKey(this.dataDir));
    const target = new HttpTarget(() => service.url, apiKey);
    const load = new CommandLoad(target, CLIENTS, GIVE_UP_AFTER_MS);
    const watch = new CheckpointWatch(target);
    const restartMs: number[] = [];
    try {
      await load.waitForAcknowledgements(20);
      for (let kill = 0; kill < this.kills; kill++) {
        // Before every fifth kill (the first included) a checkpoint is published, for the
        // checkpoint check to have some from many lives of the service.
        if (kill % CHECKPOINT_EVERY_KILLS === 0) await watch.untilNewCheckpoint();
        // A random number of acknowledgements apart, so kills meet every step of a command.
        await load.waitForAcknowledgements(3 + randomInt(12));
        await service.kill();
        const down = performance.now();
        await service.restart();
        restartMs.push(performance.now() - down);
      }
      await load.waitForAcknowledgements(10);
    } finally {
      await load.stop();
      await watch.stop();
    }

    const problems = {
      wrongAnswers: load.answers.filter(
        (a) => !(a.status >= 200 && a.status < 300) && !isRetryableUnavailable(a),
      ),
      replays: await replayProblems(target, load.acknowledged),
    };
    const head = load.acknowledged.map(positionOf).reduce((a, b) => (a > b ? a : b), 0n);
    const subjectIds = load.completed.map((s) => s.subjectId);
    const at = new Date(Date.now() + 1000).toISOString();
    const answers = await projectionAnswers(target, subjectIds, head, at);

    const verifierKey = loadSigningKeyFile({
      file: join(this.dataDir, 'keys', 'checkpoint-signing.key'),
      createIfMissing: false,
      name: 'unused',
    }).key.verifierKeyFor(ORIGIN);
    const exported = await this.exportProvingEverything(target, verifierKey, load.acknowledged);
    const checkpoints = await checkpointProblems(
      target,
      watch.notes,
      exported.checkpointNote,
      parseVerifierKey(verifierKey),
    );
    await service.stop();

    const rebuilt = await this.startService(this.store.rebuiltEnv(this.dataDir));
    const rebuiltAnswers = await projectionAnswers(
      new HttpTarget(() => rebuilt.url, apiKey),
      subjectIds,
      head,
      at,
    );
    await rebuilt.stop();
    const unexpectedExits = [service, rebuilt].flatMap((started) =>
      started.unexpectedExits.map(
        (exit) => `exit code ${exit.code}, signal ${exit.signal}:\n${started.errorOutput}`,
      ),
    );

    const log = await this.readLog();
    const result: KillRunResult = {
      problems: {
        ...problems,
        unexpectedExits,
        journal: journalProblems(log, load.acknowledged, load.completed),
        checkpoints,
        unproven: exported.unproven,
        verify: exported.exitCode === 0 ? [] : [exported.report],
        projections: sameAnswers(answers, rebuiltAnswers),
      },
      figures: {
        store: this.store.name,
        kills: this.kills,
        clients: CLIENTS,
        seconds: Math.round((performance.now() - startedAt) / 1000),
        acknowledged: load.acknowledged.length,
        subjects: load.completed.length,
        eventsInLog: log.length,
        unansweredRequests: load.unanswered,
        acknowledgedAfterUnansweredAttempt: load.acknowledged.filter(
          (a) => a.unansweredAttempts > 0,
        ).length,
        ofWhichAnsweredFromRecord: load.acknowledged.filter(
          (a) => a.unansweredAttempts > 0 && isReplay(a.responseBody),
        ).length,
        answersByStatus: countBy(load.answers.map((a) => String(a.status))),
        restartMs: {
          median: restartMs.length === 0 ? 0 : Math.round(median(restartMs)),
          max: Math.round(Math.max(0, ...restartMs)),
        },
        checkpointsSeen: watch.notes.size,
        exportedEventsProven: exported.provenCount,
        comparedCheckAnswers: answers.checks.length,
      },
    };
    return result;
  }

  private async startService(env: Record<string, string>): Promise<ServiceProcess> {
    const service = await ServiceProcess.start({
      env: {
        DATA_DIR: this.dataDir,
        INITIAL_ADMIN_KEY_FILE: initialAdminKeyFile(this.dataDir),
        // Checkpoints are signed every second, so kills meet the signer too.
        CHECKPOINT_EVERY_MS: '1000',
        RATE_LIMIT_REQUESTS: '10000000',
        EXPORT_MAX_EVENTS: '10000000',
        ...env,
      },
    });
    this.services.push(service);
    return service;
  }

  /**
   * The export proves events up to the latest checkpoint, which is signed every second once
   * the audit log projection has applied them: export again until it covers every
   * acknowledged command (or the bound, which only catches a signer that stopped).
   */
  private async exportProvingEverything(
    target: HttpTarget,
    verifierKey: string,
    acknowledged: readonly Acknowledged[],
  ) {
    const file = join(this.dataDir, 'whole-log.bundle.jsonl');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const exported = await exportAndVerify(target, file, verifierKey);
      const unproven = acknowledged
        .filter((ack) => !exported.provenPositions.has(positionOf(ack)))
        .map(
          (ack) => `${ack.url} (key ${ack.key}) at ${positionOf(ack)} has no leaf in the export`,
        );
      if (unproven.length === 0 || Date.now() > deadline) {
        return { ...exported, unproven, provenCount: exported.provenPositions.size };
      }
      await sleep(1000);
    }
  }

  private async readLog(): Promise<RecordedEvent[]> {
    const store = await this.store.openEventStore(this.dataDir);
    try {
      return await readWholeLog(store);
    } finally {
      await store.close();
    }
  }
}

/**
 * A retry with the key of an acknowledged command gets the recorded answer, marked as a
 * replay (docs/adr/0021): every command that got no answer at a kill, and a few others.
 */
async function replayProblems(
  target: HttpTarget,
  acknowledged: readonly Acknowledged[],
): Promise<string[]> {
  const problems: string[] = [];
  const interrupted = acknowledged.filter((a) => a.unansweredAttempts > 0);
  for (const ack of [...acknowledged.slice(0, 5), ...interrupted]) {
    const again = await target.post(ack.url, ack.body, { key: ack.key });
    const expected = JSON.stringify({ ...JSON.parse(ack.responseBody), replayed: true });
    if (again.statusCode !== ack.status || JSON.stringify(JSON.parse(again.body)) !== expected) {
      problems.push(
        `${ack.url} (key ${ack.key}) again: ${again.statusCode} ${again.body}, first ${ack.status} ${ack.responseBody}`,
      );
    }
  }
  return problems;
}

async function createKey(baseUrl: string, adminKey: string): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/api-keys`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${adminKey}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({ name: 'fault-load', roles: TENANT_WIDE_ROLES }),
  });
  const body = await response.text();
  if (response.status !== 201)
    throw new Error(`creating the load's key answered ${response.status}: ${body}`);
  return (JSON.parse(body) as { apiKey: string }).apiKey;
}

function sameAnswers(
  killed: { checks: unknown[]; summary: unknown },
  rebuilt: { checks: unknown[]; summary: unknown },
): string[] {
  const problems: string[] = [];
  if (killed.checks.length !== rebuilt.checks.length) {
    problems.push(`${killed.checks.length} check answers, rebuilt ${rebuilt.checks.length}`);
  }
  killed.checks.forEach((answer, i) => {
    const other = JSON.stringify(rebuilt.checks[i]);
    if (JSON.stringify(answer) !== other) {
      problems.push(`check ${i}: ${JSON.stringify(answer)}, rebuilt ${other}`);
    }
  });
  if (JSON.stringify(killed.summary) !== JSON.stringify(rebuilt.summary)) {
    problems.push(
      `consent summary: ${JSON.stringify(killed.summary)}, rebuilt ${JSON.stringify(rebuilt.summary)}`,
    );
  }
  return problems.slice(0, 20);
}

function positionOf(ack: Acknowledged): bigint {
  return BigInt((JSON.parse(ack.responseBody) as { consistencyToken: string }).consistencyToken);
}

function isReplay(responseBody: string): boolean {
  return (JSON.parse(responseBody) as { replayed?: boolean }).replayed === true;
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
