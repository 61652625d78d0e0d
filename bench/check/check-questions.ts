import type { AskedQuestion } from '../../src/read-side/queries/check-permission/check-permission.query';
import { GRANTED, NOT_GRANTED } from '../rebuild/subject-history';

/** Distinct request bodies cycled through, prepared before the clock starts. */
const PREPARED = 4096;

/**
 * The questions the check benchmark asks, cycling over the seeded subjects: half about the
 * combination each granted (permitted, so the answer also computes its window), half about
 * one nobody granted (refused).
 */
export function checkQuestions(subjectIds: readonly string[]): AskedQuestion[] {
  return Array.from({ length: Math.min(PREPARED, subjectIds.length * 2) }, (_, i) => ({
    subjectId: subjectIds[Math.floor(i / 2) % subjectIds.length]!,
    ...(i % 2 === 0 ? GRANTED : NOT_GRANTED),
  }));
}

/** Round-robin over prepared items, shared by all workers. */
export function cycle<T>(items: readonly T[]): () => T {
  let next = 0;
  return () => {
    const item = items[next]!;
    next = (next + 1) % items.length;
    return item;
  };
}
