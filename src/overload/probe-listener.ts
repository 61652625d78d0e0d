import type { Server } from 'node:http';
import { Worker } from 'node:worker_threads';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { HttpServerBounds } from '../config';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from '../http';
import { HealthController, readinessAnswer, READY_STALE_AFTER_MS } from '../health';
import {
  probeWorker,
  type FromProbeThread,
  type ProbeAnswer,
  type ProbeWorkerData,
  type ToProbeThread,
} from './probe-worker';

/** How often the main loop marks that it ran; the probe thread measures stalls from it. */
const HEARTBEAT_MS = 100;
/** How often the main thread publishes its readiness answer to the probe thread. */
const READY_PUBLISH_MS = 1000;
const METRICS_TIMEOUT_MS = 10_000;

/**
 * A second listening socket for `/health`, `/ready` and `/metrics`, served by a thread of
 * its own (probe-worker.ts). On a saturated process the main event loop runs late and libuv
 * accepts one connection per turn, so a probe on the main port waits behind the load; the
 * probe thread answers at once and reports the main loop's state instead: liveness fails
 * after PROBE_MAX_STALL_MS without a heartbeat, readiness is the main thread's latest answer
 * (ADR 0024).
 *
 * Listens when `bounds.probePort` is set (0: any free port, for tests) and closes with the
 * application's HTTP server. Resolves with the port it listens on, or undefined when off.
 */
export async function listenForProbes(
  app: NestFastifyApplication,
  host: string,
  bounds: HttpServerBounds,
): Promise<number | undefined> {
  if (bounds.probePort === undefined) return undefined;
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  const heartbeat = new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT);
  const beat = startHeartbeat(heartbeat);
  const worker = new Worker(
    `(${probeWorker.toString()})(require('node:http'), require('node:worker_threads'))`,
    {
      eval: true,
      workerData: workerDataFor(host, bounds, heartbeat),
    },
  );
  let publisher: NodeJS.Timeout | undefined;
  const stop = () => {
    clearInterval(beat);
    clearInterval(publisher);
    worker.postMessage({ kind: 'close' } satisfies ToProbeThread);
  };
  try {
    const port = await listening(worker);
    // The thread ends when the main server closes; it never keeps the process alive itself.
    worker.unref();
    worker.on('message', (message: FromProbeThread) => {
      if (message.kind === 'metrics') void answerMetrics(fastify, worker, message.id);
    });
    publisher = publishReadiness(app.get(HealthController), worker);
    closeWith(app.getHttpServer(), stop);
    fastify.log.info(
      { host, port },
      'probes (/health, /ready, /metrics) also listening on their own port and thread',
    );
    return port;
  } catch (error) {
    stop();
    await worker.terminate();
    throw error;
  }
}

function workerDataFor(
  host: string,
  bounds: HttpServerBounds,
  heartbeat: SharedArrayBuffer,
): ProbeWorkerData {
  return {
    host,
    port: bounds.probePort ?? 0,
    requestTimeoutMs: bounds.requestTimeoutMs,
    keepAliveTimeoutMs: bounds.keepAliveTimeoutMs,
    connectionTimeoutMs: bounds.connectionTimeoutMs,
    heartbeat,
    maxStallMs: bounds.probeMaxStallMs,
    readyStaleMs: READY_STALE_AFTER_MS,
    metricsTimeoutMs: METRICS_TIMEOUT_MS,
    problemContentType: PROBLEM_CONTENT_TYPE,
    problemTypes: {
      notLive: PROBLEM_TYPES.notLive,
      notReady: PROBLEM_TYPES.notReady,
      routeNotFound: PROBLEM_TYPES.routeNotFound,
      metricsUnavailable: PROBLEM_TYPES.metricsUnavailable,
    },
  };
}

/** Writes the time into the shared slot on every turn the timer gets; never keeps the process alive. */
function startHeartbeat(buffer: SharedArrayBuffer): NodeJS.Timeout {
  const slot = new BigInt64Array(buffer);
  const mark = () => Atomics.store(slot, 0, BigInt(Date.now()));
  mark();
  return setInterval(mark, HEARTBEAT_MS).unref();
}

function listening(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromProbeThread) => {
      if (message.kind === 'listening') resolve(message.port);
      else if (message.kind === 'failed') reject(new Error(`probe port: ${message.message}`));
      else return;
      worker.off('message', onMessage);
      worker.off('error', reject);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

/**
 * The same `/ready` the main port answers, published once now and every second: the probe thread replays it until the next, or declares it stale.
 */
function publishReadiness(health: HealthController, worker: Worker): NodeJS.Timeout {
  const publish = async () => {
    const answer = await readinessAnswer(health);
    worker.postMessage({ kind: 'ready', answer, at: Date.now() } satisfies ToProbeThread);
  };
  void publish();
  return setInterval(() => void publish(), READY_PUBLISH_MS).unref();
}

async function answerMetrics(fastify: FastifyInstance, worker: Worker, id: number): Promise<void> {
  const answer = await answerOf(fastify, '/metrics');
  worker.postMessage({ kind: 'metrics', id, answer } satisfies ToProbeThread);
}

/** `/metrics` through the main port's route, since the registry and its collectors live here. */
async function answerOf(fastify: FastifyInstance, url: string): Promise<ProbeAnswer> {
  const response = await fastify.inject({ method: 'GET', url });
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'retry-after']) {
    const value = response.headers[name];
    if (value !== undefined) headers[name] = String(value);
  }
  return { status: response.statusCode, headers, body: response.body };
}

/** Probes go on answering while the main server drains, and stop when it has closed. */
function closeWith(main: Server, stop: () => void): void {
  main.once('close', stop);
}
