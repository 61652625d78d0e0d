/**
 * Child process of the check benchmark: the service built in-process (no listener) on
 * DATA_DIR, with checks asked by calling the check query handler directly — no HTTP, no
 * DTO validation, no serialisation. The log does not change meanwhile, so the handler
 * reuses subjects read at the projection's position; `uncachedRuns` ask the checker
 * without a position instead, so every check reads and folds its subject, as when events
 * arrive between checks. Prints `{ runs, uncachedRuns }` (LoopResult[] each) on stdout.
 *
 * env: DATA_DIR, BENCH_SUBJECTS_FILE (a JSON array of subject ids), BENCH_RUNS,
 * BENCH_SECONDS, BENCH_WARMUP_SECONDS, plus the service's own settings.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';
import type { EventStore } from '../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import { ProjectorHost } from '../../src/projections/projector-host';
import { CheckPermissionHandler } from '../../src/read-side/queries/check-permission/check-permission.handler';
import { CheckPermissionQuery } from '../../src/read-side/queries/check-permission/check-permission.query';
import { PermissionChecker } from '../../src/read-side/queries/check-permission/permission-checker';
import type { LoopResult } from '../support/timed-loop';
import { checkQuestions, cycle } from './check-questions';
import { sequentialLoop } from './sequential-loop';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const subjectIds = JSON.parse(readFileSync(process.env.BENCH_SUBJECTS_FILE!, 'utf8')) as string[];
  const app = await createApp(config);
  try {
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    await app.get(ProjectorHost).waitForPosition(head, 600_000);
    const handler = app.get(CheckPermissionHandler);
    const tenantId = config.consent.defaultTenant;
    const next = cycle(checkQuestions(subjectIds));
    const runs: LoopResult[] = [];
    for (let run = 0; run < Number(process.env.BENCH_RUNS); run++) {
      runs.push(
        await sequentialLoop(
          Number(process.env.BENCH_SECONDS),
          Number(process.env.BENCH_WARMUP_SECONDS),
          () => handler.execute(new CheckPermissionQuery(tenantId, next())),
        ),
      );
      // Let the timers and I/O this loop kept waiting have their turn between runs.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const checker = app.get(PermissionChecker);
    const uncachedRuns: LoopResult[] = [];
    for (let run = 0; run < Number(process.env.BENCH_RUNS); run++) {
      uncachedRuns.push(
        await sequentialLoop(
          Number(process.env.BENCH_SECONDS),
          Number(process.env.BENCH_WARMUP_SECONDS),
          () => checker.check(tenantId, [{ ...next(), at: Date.now() }]),
        ),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    process.stdout.write(JSON.stringify({ runs, uncachedRuns }));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
