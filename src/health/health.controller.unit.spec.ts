import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { ProblemException } from '../http/problem';
import { PROBLEM_TYPES } from '../http/problem-types';
import {
  SERVING_STATUS,
  type ProjectionFreshness,
  type ServingStatus,
} from '../projections/serving-status';
import { HealthController } from './health.controller';
import { READY_STALE_AFTER_MS, ReadinessHealth } from './readiness.health';

function projection(name: string, lagEvents: number, lagSeconds = lagEvents): ProjectionFreshness {
  return {
    name,
    state: 'running',
    position: '10',
    lagEvents,
    lagSeconds,
    caughtUp: lagEvents === 0,
    halted: false,
  };
}

function measured(overrides: Partial<ServingStatus> = {}): ServingStatus {
  return {
    measuredAt: new Date(),
    eventStore: { kind: 'postgres', up: true },
    readStore: { kind: 'postgres', up: true },
    headPosition: '42',
    projections: [],
    ...overrides,
  };
}

async function controllerWith(
  status: ServingStatus | undefined,
  config: Pick<AppConfig, 'readyMaxLagSeconds' | 'readyMaxLagEvents'> = {
    readyMaxLagSeconds: 30,
    readyMaxLagEvents: undefined,
  },
): Promise<HealthController> {
  const moduleRef = await Test.createTestingModule({
    imports: [TerminusModule.forRoot({ logger: false })],
    controllers: [HealthController],
    providers: [
      ReadinessHealth,
      { provide: SERVING_STATUS, useValue: { servingStatus: () => status } },
      { provide: APP_CONFIG, useValue: config as Partial<AppConfig> },
    ],
  }).compile();
  moduleRef.useLogger(false);
  return moduleRef.get(HealthController);
}

async function notReadyProblem(controller: HealthController): Promise<ProblemException> {
  const error = await controller.ready().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemException);
  const problem = (error as ProblemException).problem;
  expect(problem).toMatchObject({ type: PROBLEM_TYPES.notReady, status: 503 });
  return error as ProblemException;
}

describe('HealthController', () => {
  it('is ready under normal lag, and shows each projection’s freshness', async () => {
    const controller = await controllerWith(
      measured({ projections: [projection('audit_log', 17_826, 12.3456), projection('flows', 0)] }),
    );
    await expect(controller.ready()).resolves.toMatchObject({
      status: 'ok',
      details: {
        eventStore: { status: 'up', kind: 'postgres', headPosition: '42' },
        readStore: { status: 'up', kind: 'postgres' },
        projections: {
          status: 'up',
          projections: 2,
          maxLagSeconds: 30,
          freshness: [
            {
              name: 'audit_log',
              state: 'running',
              position: '10',
              lagEvents: 17_826,
              lagSeconds: 12.346,
            },
            { name: 'flows', state: 'running', position: '10', lagEvents: 0, lagSeconds: 0 },
          ],
        },
      },
    });
  });

  it('is not ready while a projection is staler than READY_MAX_LAG_SECONDS, and names it', async () => {
    const controller = await controllerWith(
      measured({
        projections: [projection('consent_state', 0), projection('flow_windows', 90, 31)],
      }),
    );
    const { problem } = await notReadyProblem(controller);
    expect(problem.detail).toBe('Not ready: the projections check failed. See checks for details.');
    expect(problem.extensions).toMatchObject({
      checks: {
        eventStore: { status: 'up' },
        readStore: { status: 'up' },
        projections: {
          status: 'down',
          message: '1 projection(s) more than 30 s behind',
          lagging: [{ name: 'flow_windows', lagEvents: 90, lagSeconds: 31 }],
          freshness: [
            expect.objectContaining({ name: 'consent_state', lagEvents: 0 }),
            expect.objectContaining({ name: 'flow_windows', lagEvents: 90 }),
          ],
        },
      },
    });
  });

  it('also holds projections to READY_MAX_LAG_EVENTS when it is set', async () => {
    const status = measured({ projections: [projection('flows', 26, 1)] });
    await expect((await controllerWith(status)).ready()).resolves.toMatchObject({ status: 'ok' });
    const strict = await controllerWith(status, { readyMaxLagSeconds: 30, readyMaxLagEvents: 25 });
    const { problem } = await notReadyProblem(strict);
    expect(problem.extensions).toMatchObject({
      checks: {
        projections: {
          message: '1 projection(s) more than 30 s or 25 events behind',
          maxLagEvents: 25,
          lagging: [{ name: 'flows', lagEvents: 26 }],
        },
      },
    });
  });

  it('is not ready while a projection is halted, even with no lag', async () => {
    const controller = await controllerWith(
      measured({
        projections: [{ ...projection('flow_windows', 0), state: 'failed', halted: true }],
      }),
    );
    const { problem } = await notReadyProblem(controller);
    expect(problem.extensions).toMatchObject({
      checks: { projections: { status: 'down', halted: ['flow_windows'] } },
    });
  });

  it('is not ready when a store does not answer, and says which', async () => {
    const controller = await controllerWith(
      measured({
        readStore: {
          kind: 'postgres',
          up: false,
          reason: 'the postgres read store did not answer',
        },
      }),
    );
    const { problem } = await notReadyProblem(controller);
    expect(problem.detail).toBe('Not ready: the readStore check failed. See checks for details.');
    expect(problem.extensions).toMatchObject({
      checks: {
        eventStore: { status: 'up' },
        readStore: { status: 'down', message: 'the postgres read store did not answer' },
      },
    });
  });

  it('is not ready before the first measurement, nor once measurements stop coming', async () => {
    await notReadyProblem(await controllerWith(undefined));
    const stale = measured({ measuredAt: new Date(Date.now() - READY_STALE_AFTER_MS - 5000) });
    const { problem } = await notReadyProblem(await controllerWith(stale));
    expect(problem.extensions).toMatchObject({
      checks: {
        eventStore: {
          status: 'down',
          message: expect.stringMatching(/^not measured for 1\d s/) as unknown,
        },
        readStore: { status: 'down' },
      },
    });
  });

  it('stays alive whatever the dependencies do', async () => {
    const controller = await controllerWith(
      measured({ eventStore: { kind: 'postgres', up: false, reason: 'down' } }),
    );
    await expect(controller.live()).resolves.toMatchObject({ status: 'ok' });
  });
});
