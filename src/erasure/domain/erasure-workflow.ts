import { toMillis } from '../../shared/time/instant';
import type {
  Actor,
  ErasureCompleted,
  ErasureDeadlineExtended,
  ErasureProcessorConfirmed,
  ErasureProcessorNotified,
  ErasureScope,
  SubjectEvent,
} from '../../consent/domain';
import { erasureDeadline } from './erasure-deadline';

/**
 * Where one erasure request stands, read from the subject's stream: the workflow lives in
 * that stream, so every step is decided under the same consistency boundary as the
 * consent rules it ends.
 */
export interface ErasureWorkflow {
  readonly erasureId: string;
  readonly scope: ErasureScope;
  readonly requestedBy: Actor;
  /** Valid time of the request (epoch ms): the deadlines count from it. */
  readonly requestedAt: number;
  readonly requestRevision: number;
  /** One month after the request (see erasure-deadline.ts). */
  readonly originalDeadline: number;
  /** The deadline in force: the extended one, if any. */
  readonly deadline: number;
  readonly extension?: ErasureDeadlineExtended;
  /** By recipient, in the order they were notified. */
  readonly notified: ReadonlyMap<string, ErasureProcessorNotified>;
  readonly confirmed: ReadonlyMap<string, ErasureProcessorConfirmed>;
  readonly completion?: ErasureCompleted;
}

interface Draft {
  erasureId: string;
  scope: ErasureScope;
  requestedBy: Actor;
  requestedAt: number;
  requestRevision: number;
  originalDeadline: number;
  deadline: number;
  extension?: ErasureDeadlineExtended;
  notified: Map<string, ErasureProcessorNotified>;
  confirmed: Map<string, ErasureProcessorConfirmed>;
  completion?: ErasureCompleted;
}

/** Every erasure request of the subject with its steps, in the order they were requested. */
export function erasureWorkflows(facts: readonly SubjectEvent[]): Map<string, ErasureWorkflow> {
  const workflows = new Map<string, Draft>();
  facts.forEach((event, revision) => {
    if (event.type === 'erasure-requested') {
      const requestedAt = toMillis(event.occurredAt);
      const deadline = erasureDeadline(requestedAt);
      workflows.set(event.erasureId, {
        erasureId: event.erasureId,
        scope: event.scope,
        requestedBy: event.requestedBy,
        requestedAt,
        requestRevision: revision,
        originalDeadline: deadline,
        deadline,
        notified: new Map(),
        confirmed: new Map(),
      });
      return;
    }
    const workflow = 'erasureId' in event ? workflows.get(event.erasureId) : undefined;
    if (!workflow) return;
    switch (event.type) {
      case 'erasure-processor-notified':
        workflow.notified.set(event.recipient, event);
        break;
      case 'erasure-processor-confirmed':
        workflow.confirmed.set(event.recipient, event);
        break;
      case 'erasure-deadline-extended':
        workflow.extension = event;
        workflow.deadline = toMillis(event.newDeadline);
        break;
      case 'erasure-completed':
        workflow.completion = event;
        break;
      default:
        break;
    }
  });
  return workflows;
}

export function erasureWorkflow(
  facts: readonly SubjectEvent[],
  erasureId: string,
): ErasureWorkflow | undefined {
  return erasureWorkflows(facts).get(erasureId);
}
