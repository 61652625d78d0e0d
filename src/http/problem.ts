import { HttpException } from '@nestjs/common';
import type { ProblemType } from './problem-types';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** The Content-Type header of every problem response. */
export const PROBLEM_CONTENT_TYPE_HEADER = `${PROBLEM_CONTENT_TYPE}; charset=utf-8`;

/** RFC 9457 problem details; `instance` is filled in where the response is written. */
export interface Problem {
  readonly type: ProblemType;
  readonly title: string;
  readonly status: number;
  /** Tells the caller what to change. Never an internal message or personal data. */
  readonly detail: string;
  /** Extension members (`errors`, `currentRevision`, ...). */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Response headers that belong with the problem, such as `Retry-After`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** How the filter should log the error: client mistakes are not logged, surprises are. */
type LogSeverity = 'none' | 'warn' | 'error';

export interface MappedProblem {
  readonly problem: Problem;
  readonly log: LogSeverity;
}

/** Throw from anywhere to answer with exactly this problem. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem.detail, problem.status);
  }
}

/**
 * The JSON document of a problem response. Extensions never override the members RFC 9457
 * defines. `instance` is the request path without its query string, and absent when the
 * path itself was refused (undecodable, too long, unparsable): echoing it would hand back,
 * and let proxies log, whatever the caller put there.
 */
export function problemDocument(
  problem: Problem,
  instance: string | undefined,
): Record<string, unknown> {
  return {
    ...problem.extensions,
    type: problem.type,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(instance === undefined ? {} : { instance }),
  };
}
