const PROBLEMS = 'https://consent-ledger.dev/problems';

/**
 * The only 5xx answers a hostile request may get, each by design: a consistency token the
 * read model has not reached (503 with Retry-After, ADR 0012: the fuzzer sends tokens from
 * the future and the target waits 0 ms), and `/ready` while a projection catches up.
 */
export const JUSTIFIED_503_TYPES: ReadonlySet<string> = new Set([
  `${PROBLEMS}/consistency-timeout`,
  `${PROBLEMS}/not-ready`,
]);

/** What the rules need of an answer, from `inject()` or off a raw socket. */
export interface Answer {
  readonly method: string;
  /** The request's path, without its query. */
  readonly path: string;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

/**
 * Why `answer` breaks the rules of issue #13, or undefined: no 5xx beyond the justified
 * 503s, and every status of 400 or more answered as problem+json with `type`, `title` and
 * a `status` equal to the response's.
 */
export function faultOf(answer: Answer): string | undefined {
  if (answer.status < 400) return undefined;
  if (answer.method === 'HEAD') {
    // No body to tell the type by: readiness is the one 5xx a HEAD may get.
    const justified = answer.status === 503 && answer.path === '/ready';
    return answer.status >= 500 && !justified ? `HEAD answered ${answer.status}` : undefined;
  }
  if (!/^application\/problem\+json/.test(answer.contentType ?? '')) {
    return `${answer.status} with content-type ${answer.contentType ?? '(none)'}: ${answer.body.slice(0, 300)}`;
  }
  let problem: { type?: unknown; title?: unknown; status?: unknown };
  try {
    problem = JSON.parse(answer.body) as typeof problem;
  } catch {
    return `${answer.status} problem that is not JSON: ${answer.body.slice(0, 300)}`;
  }
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string') {
    return `${answer.status} problem without type or title: ${answer.body.slice(0, 300)}`;
  }
  if (problem.status !== answer.status) {
    return `${answer.status} problem whose status member says ${String(problem.status)}`;
  }
  if (answer.status >= 500 && !(answer.status === 503 && JUSTIFIED_503_TYPES.has(problem.type))) {
    return `${answer.status} ${problem.type}: ${answer.body.slice(0, 300)}`;
  }
  return undefined;
}

/**
 * Counts answers by status, for the summary line a run prints and the fault run's figures:
 * also the 5xx answers (the justified 503s included) and the 4xx/5xx answers that are not
 * problem+json (a HEAD has no body, so it is not counted).
 */
export class StatusTally {
  private readonly counts = new Map<number, number>();
  total = 0;
  serverErrors = 0;
  notProblemJson = 0;

  add(answer: Pick<Answer, 'method' | 'status' | 'contentType'>): void {
    const { status } = answer;
    this.counts.set(status, (this.counts.get(status) ?? 0) + 1);
    this.total++;
    if (status >= 500) this.serverErrors++;
    const problemJson = /^application\/problem\+json/.test(answer.contentType ?? '');
    if (status >= 400 && answer.method !== 'HEAD' && !problemJson) this.notProblemJson++;
  }

  toString(): string {
    return [...this.counts]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
  }
}
