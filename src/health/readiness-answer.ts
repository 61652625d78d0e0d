import { PROBLEM_CONTENT_TYPE_HEADER, ProblemException, problemDocument } from '../http';
import type { HealthController } from './health.controller';

/** A whole HTTP answer, to hand to a server that is not Nest's (the probe thread's). */
export interface PlainAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * `/ready` exactly as the main port answers it — 200 with the checks, or the 503 problem —
 * without a request: no log line, no request metric for a check made every second.
 */
export async function readinessAnswer(controller: HealthController): Promise<PlainAnswer> {
  try {
    const result = await controller.ready();
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(result),
    };
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    const { problem } = error;
    return {
      status: problem.status,
      headers: { 'content-type': PROBLEM_CONTENT_TYPE_HEADER, ...problem.headers },
      body: JSON.stringify(problemDocument(problem, '/ready')),
    };
  }
}
