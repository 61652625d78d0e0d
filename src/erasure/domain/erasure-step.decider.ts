import type { Decider } from '../../shared/domain/decider';
import type { SubjectEvent } from '../../consent/domain';
import { evolveSubject, initialSubjectState, type SubjectState } from '../../consent/domain';
import type { ErasureStepCommand } from './erasure-step.commands';
import { decideErasureStep } from './decide-erasure-step';

/**
 * The erasure workflow on a subject's stream: the same state and events as the consent
 * rules (`subjectDecider`), its own decisions. The request itself is a consent command —
 * it stops every flow at once, like Local Data Mode — and the steps after it live here.
 */
export const erasureStepDecider: Decider<ErasureStepCommand, SubjectEvent, SubjectState> = {
  initialState: initialSubjectState,
  evolve: evolveSubject,
  decide: decideErasureStep,
};
