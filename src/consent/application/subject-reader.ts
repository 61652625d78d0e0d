import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '../../event-store/event-store.port';
import { EVENT_STORE } from '../../event-store';
import { DomainError } from '../../shared/domain/domain-error';
import { fold } from '../../shared/domain/decider';
import { subjectDecider } from '../domain/subject/subject.decider';
import { decodeSubjectEvent } from '../domain/subject/subject-event-decoder';
import type { SubjectState } from '../domain/subject/subject.state';
import { subjectStream } from '../../shared/tenancy/stream-names';

interface LoadedSubject {
  readonly state: SubjectState;
  readonly revision: number;
  /** Global position of the subject's newest event. */
  readonly position: bigint;
}

/** Reads one subject's stream and folds it: always current, since it reads the log itself. */
@Injectable()
export class SubjectReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(tenantId: string, subjectId: string): Promise<LoadedSubject> {
    const events = await this.store.readStream(subjectStream(tenantId, subjectId));
    const last = events[events.length - 1];
    if (!last) {
      throw new DomainError('subject-not-registered', 'no subject with this id exists');
    }
    return {
      state: fold(
        subjectDecider,
        events.map((e) => decodeSubjectEvent(e.data)),
      ),
      revision: last.streamRevision,
      position: last.globalPosition,
    };
  }
}
