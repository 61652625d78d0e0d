import type * as Http from 'node:http';
import type * as Threads from 'node:worker_threads';
import type { PlainAnswer } from '../health';

/** What the probe thread is started with (its `workerData`). */
export interface ProbeWorkerData {
  readonly host: string;
  readonly port: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  /** One BigInt64 slot: the epoch milliseconds at which the main event loop last ran. */
  readonly heartbeat: SharedArrayBuffer;
  /** The main loop silent longer than this: `/health` fails (PROBE_MAX_STALL_MS). */
  readonly maxStallMs: number;
  /** A readiness answer older than this is not trusted: `/ready` fails. */
  readonly readyStaleMs: number;
  /** How long `/metrics` waits for the main thread before answering 503. */
  readonly metricsTimeoutMs: number;
  readonly problemContentType: string;
  readonly problemTypes: {
    readonly notLive: string;
    readonly notReady: string;
    readonly routeNotFound: string;
    readonly metricsUnavailable: string;
  };
}

/** An HTTP answer as it crosses between the threads. */
export type ProbeAnswer = PlainAnswer;

export type ToProbeThread =
  | { readonly kind: 'ready'; readonly answer: ProbeAnswer; readonly at: number }
  | { readonly kind: 'metrics'; readonly id: number; readonly answer: ProbeAnswer }
  | { readonly kind: 'close' };

export type FromProbeThread =
  | { readonly kind: 'listening'; readonly port: number }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'metrics'; readonly id: number };

/**
 * The probe thread's whole program. It runs in a worker thread with its own event loop, so a
 * probe is answered in milliseconds however busy the main loop is — and then says how busy:
 * `/health` fails once the main loop has not run for `maxStallMs` (a wedged process is what
 * liveness exists to restart); `/ready` replays the latest readiness answer the main thread
 * published (every second), failing once it is older than `readyStaleMs`; `/metrics` is
 * asked of the main thread, since the registry lives there.
 *
 * It is started from its source text (`new Worker(code, { eval: true })`), so it must not
 * use anything from its module's scope: Node's modules arrive as arguments, and every helper
 * is declared inside. Types are erased and free to use.
 */
export function probeWorker(http: typeof Http, threads: typeof Threads): void {
  const data = threads.workerData as ProbeWorkerData;
  const port = threads.parentPort!;
  const heartbeat = new BigInt64Array(data.heartbeat);
  const PROBES = new Set(['/health', '/ready', '/metrics']);
  let ready: { answer: ProbeAnswer; at: number } | undefined;
  const pendingMetrics = new Map<number, (answer: ProbeAnswer) => void>();
  let nextMetricsId = 0;

  const problem = (status: number, type: string, title: string, detail: string, path: string) => ({
    status,
    headers: {
      'content-type': `${data.problemContentType}; charset=utf-8`,
      ...(status === 503 ? { 'retry-after': '1' } : {}),
    },
    body: JSON.stringify({ type, title, status, detail, instance: path }),
  });

  const health = (): ProbeAnswer => {
    const stalledMs = Date.now() - Number(Atomics.load(heartbeat, 0));
    if (stalledMs <= data.maxStallMs) {
      return {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ status: 'ok', info: {}, error: {}, details: {} }),
      };
    }
    const detail = `The main event loop has not run for ${Math.round(stalledMs / 1000)} s (limit ${data.maxStallMs / 1000} s).`;
    return problem(503, data.problemTypes.notLive, 'Service not live', detail, '/health');
  };

  const readiness = (): ProbeAnswer => {
    if (ready === undefined) {
      const detail = 'The service has not reported its readiness yet (starting).';
      return problem(503, data.problemTypes.notReady, 'Service not ready', detail, '/ready');
    }
    const ageMs = Date.now() - ready.at;
    if (ageMs > data.readyStaleMs) {
      const detail = `The service has not reported its readiness for ${Math.round(ageMs / 1000)} s: its event loop is stalled.`;
      return problem(503, data.problemTypes.notReady, 'Service not ready', detail, '/ready');
    }
    return ready.answer;
  };

  const metrics = (): Promise<ProbeAnswer> =>
    new Promise((resolve) => {
      const id = nextMetricsId++;
      const timer = setTimeout(() => {
        pendingMetrics.delete(id);
        const detail = `The main thread did not produce the metrics within ${data.metricsTimeoutMs} ms.`;
        resolve(
          problem(
            503,
            data.problemTypes.metricsUnavailable,
            'Metrics unavailable',
            detail,
            '/metrics',
          ),
        );
      }, data.metricsTimeoutMs);
      pendingMetrics.set(id, (answer) => {
        pendingMetrics.delete(id);
        clearTimeout(timer);
        resolve(answer);
      });
      port.postMessage({ kind: 'metrics', id } satisfies FromProbeThread);
    });

  const answerFor = async (method: string, path: string): Promise<ProbeAnswer> => {
    if ((method !== 'GET' && method !== 'HEAD') || !PROBES.has(path)) {
      const detail = 'This port serves only GET /health, /ready and /metrics.';
      return problem(404, data.problemTypes.routeNotFound, 'No such endpoint', detail, path);
    }
    if (path === '/health') return health();
    if (path === '/ready') return readiness();
    return metrics();
  };

  const server = http.createServer((request, response) => {
    request.resume();
    const url = request.url ?? '';
    const end = url.search(/[?#]/);
    const path = end === -1 ? url : url.slice(0, end);
    const method = request.method ?? 'GET';
    void answerFor(method, path).then((answer) => {
      response.writeHead(answer.status, {
        ...answer.headers,
        'content-length': String(Buffer.byteLength(answer.body)),
      });
      response.end(method === 'HEAD' ? undefined : answer.body);
    });
  });
  server.requestTimeout = data.requestTimeoutMs;
  server.keepAliveTimeout = data.keepAliveTimeoutMs;
  server.setTimeout(data.connectionTimeoutMs);

  port.on('message', (message: ToProbeThread) => {
    if (message.kind === 'ready') ready = { answer: message.answer, at: message.at };
    else if (message.kind === 'metrics') pendingMetrics.get(message.id)?.(message.answer);
    else {
      server.close();
      server.closeAllConnections();
      port.close();
    }
  });
  server.once('error', (error) => {
    port.postMessage({ kind: 'failed', message: error.message } satisfies FromProbeThread);
  });
  server.listen({ host: data.host, port: data.port }, () => {
    const address = server.address();
    const listening = typeof address === 'object' && address !== null ? address.port : data.port;
    port.postMessage({ kind: 'listening', port: listening } satisfies FromProbeThread);
  });
}
