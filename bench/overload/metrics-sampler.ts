import { get } from 'node:http';

/** What one scrape of `/metrics` said. */
export interface MetricsSample {
  readonly atMs: number;
  readonly rssBytes: number;
  readonly inFlight: Readonly<Record<string, number>>;
  readonly queued: Readonly<Record<string, number>>;
  /** The concurrency limit in force per route class. */
  readonly limit: Readonly<Record<string, number>>;
}

const RSS = /^process_resident_memory_bytes (\S+)$/m;
const BY_CLASS =
  /^(http_requests_in_flight|http_requests_queued|http_requests_concurrency_limit)\{class="([a-z]+)"\} (\S+)$/gm;

/**
 * Scrapes the service's `/metrics` on a fixed period, as Prometheus would: its resident
 * memory, and the requests in flight and waiting per route class. A scrape that fails is
 * skipped, not fatal: the load goes on.
 */
export class MetricsSampler {
  private readonly samples: MetricsSample[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly authorization?: string,
  ) {}

  start(periodMs: number): void {
    this.timer = setInterval(() => {
      this.sample().then(
        (sample) => this.samples.push(sample),
        () => undefined,
      );
    }, periodMs);
  }

  /** Stops and hands over the samples taken since `start`. */
  stop(): MetricsSample[] {
    clearInterval(this.timer);
    this.timer = undefined;
    return this.samples.splice(0);
  }

  sample(): Promise<MetricsSample> {
    const url = new URL('/metrics', this.baseUrl);
    return new Promise((resolve, reject) => {
      const request = get(
        url,
        { headers: this.authorization ? { authorization: this.authorization } : {} },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            if (response.statusCode !== 200) {
              reject(new Error(`/metrics answered ${response.statusCode}`));
              return;
            }
            resolve(parse(text));
          });
          response.on('error', reject);
        },
      );
      request.setTimeout(10_000, () => request.destroy(new Error('/metrics timed out')));
      request.on('error', reject);
    });
  }
}

function parse(text: string): MetricsSample {
  const series: Record<string, Record<string, number>> = {
    http_requests_in_flight: {},
    http_requests_queued: {},
    http_requests_concurrency_limit: {},
  };
  for (const [, name, routeClass, value] of text.matchAll(BY_CLASS)) {
    series[name!]![routeClass!] = Number(value);
  }
  return {
    atMs: performance.now(),
    rssBytes: Number(RSS.exec(text)?.[1] ?? 0),
    inFlight: series.http_requests_in_flight!,
    queued: series.http_requests_queued!,
    limit: series.http_requests_concurrency_limit!,
  };
}
