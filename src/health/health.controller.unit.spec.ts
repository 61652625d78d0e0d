import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import type { EventStore } from '../event-store/event-store.port';
import { EVENT_STORE } from '../event-store/event-store.token';
import { ProblemException } from '../http/problem';
import { PROBLEM_TYPES } from '../http/problem-types';
import type { ProjectionStatus } from '../projections/projection-status';
import { PROJECTION_STATUS } from '../projections/projection-status';
import { EventStoreHealth } from './event-store.health';
import { HealthController } from './health.controller';
import { ProjectionsHealth } from './projections.health';

function projection(name: string, lagEvents: number): ProjectionStatus {
  return {
    name,
    position: '10',
    lagEvents,
    lagSeconds: lagEvents,
    caughtUp: lagEvents === 0,
    halted: false,
  };
}

async function controllerWith(options: {
  headPosition: () => Promise<bigint>;
  statuses: ProjectionStatus[];
  readyMaxLagEvents: number;
}): Promise<HealthController> {
  const store: Partial<EventStore> = { kind: 'stub', headPosition: options.headPosition };
  const moduleRef = await Test.createTestingModule({
    imports: [TerminusModule.forRoot({ logger: false })],
    controllers: [HealthController],
    providers: [
      EventStoreHealth,
      ProjectionsHealth,
      { provide: EVENT_STORE, useValue: store },
      {
        provide: PROJECTION_STATUS,
        useValue: { statuses: () => Promise.resolve(options.statuses) },
      },
      {
        provide: APP_CONFIG,
        useValue: { readyMaxLagEvents: options.readyMaxLagEvents } as Partial<AppConfig>,
      },
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
  const healthyStore = () => Promise.resolve(42n);

  it('is ready when projections lag no more than READY_MAX_LAG_EVENTS', async () => {
    const controller = await controllerWith({
      headPosition: healthyStore,
      statuses: [projection('consent-state', 3)],
      readyMaxLagEvents: 3,
    });
    await expect(controller.ready()).resolves.toMatchObject({
      status: 'ok',
      details: { eventStore: { status: 'up', headPosition: '42' }, projections: { status: 'up' } },
    });
  });

  it('is not ready while a projection lags further, and names it', async () => {
    const controller = await controllerWith({
      headPosition: healthyStore,
      statuses: [projection('consent-state', 0), projection('flow-windows', 1)],
      readyMaxLagEvents: 0,
    });
    const { problem } = await notReadyProblem(controller);
    expect(problem.detail).toBe('Not ready: the projections check failed. See checks for details.');
    expect(problem.extensions).toMatchObject({
      checks: {
        eventStore: { status: 'up' },
        projections: {
          status: 'down',
          lagging: [{ name: 'flow-windows', lagEvents: 1, lagSeconds: 1 }],
        },
      },
    });
  });

  it('is not ready while a projection is halted, even with a small lag', async () => {
    const controller = await controllerWith({
      headPosition: healthyStore,
      statuses: [{ ...projection('flow-windows', 1), halted: true }],
      readyMaxLagEvents: 10,
    });
    const { problem } = await notReadyProblem(controller);
    expect(problem.extensions).toMatchObject({
      checks: { projections: { status: 'down', halted: ['flow-windows'] } },
    });
  });

  it('is not ready when the event store fails, without echoing the driver message', async () => {
    const controller = await controllerWith({
      headPosition: () => Promise.reject(new Error('password authentication failed for user bob')),
      statuses: [],
      readyMaxLagEvents: 0,
    });
    const { problem } = await notReadyProblem(controller);
    expect(problem.detail).toBe('Not ready: the eventStore check failed. See checks for details.');
    expect(JSON.stringify(problem)).not.toContain('bob');
  });

  it('stays alive whatever the dependencies do', async () => {
    const controller = await controllerWith({
      headPosition: () => Promise.reject(new Error('down')),
      statuses: [projection('x', 99)],
      readyMaxLagEvents: 0,
    });
    await expect(controller.live()).resolves.toMatchObject({ status: 'ok' });
  });
});
