import { HttpException } from '@nestjs/common';
import type { ProblemType } from './problem-types';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details; `instance` is filled in by the exception filter. */
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
export type LogSeverity = 'none' | 'warn' | 'error';

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
