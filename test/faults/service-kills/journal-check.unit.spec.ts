import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import type { Acknowledged, CompletedSubject } from '../../support/command-load';
import { journalProblems } from './journal-check';

const SUBJECT = '11111111-1111-4111-8111-111111111111';
const STREAM = `subject-default-${SUBJECT}`;

function event(position: number, revision: number, type: string, id = `e${position}`) {
  return {
    id,
    type,
    streamName: STREAM,
    streamRevision: revision,
    globalPosition: BigInt(position),
    data: {},
    metadata: {},
    recordedAt: new Date(0),
  } satisfies RecordedEvent;
}

function ack(url: string, revision: number, position: number, client = 0): Acknowledged {
  return {
    method: 'POST',
    url,
    body: {},
    key: `key-${position}`,
    status: 201,
    responseBody: JSON.stringify({
      subjectId: SUBJECT,
      revision,
      consistencyToken: String(position),
    }),
    client,
    unansweredAttempts: 0,
  };
}

const GRANTS = `/v1/subjects/${SUBJECT}/grants`;
const LOG = [event(1, 0, 'subject-registered'), event(2, 1, 'consent-granted')];
const ACKS = [ack('/v1/subjects', 0, 1), ack(GRANTS, 1, 2)];
const COMPLETED: CompletedSubject[] = [
  { subjectId: SUBJECT, eventTypes: ['subject-registered', 'consent-granted'] },
];

describe('the acknowledgement journal against the event log', () => {
  it('finds nothing when the log holds exactly what was acknowledged, in order', () => {
    expect(journalProblems(LOG, ACKS, COMPLETED)).toEqual([]);
  });

  it('finds an acknowledged command whose event is not in the log', () => {
    expect(journalProblems(LOG.slice(0, 1), ACKS, COMPLETED)).toEqual([
      expect.stringMatching(/^lost: .*grants .* position 2, not in the log$/),
      expect.stringContaining('holds [subject-registered], acknowledged'),
    ]);
  });

  it('finds a command stored twice, e.g. retried after a kill without its record', () => {
    const twice = [...LOG, event(3, 2, 'consent-granted')];
    expect(journalProblems(twice, ACKS, COMPLETED)).toEqual([
      expect.stringContaining(
        'holds [subject-registered, consent-granted, consent-granted], acknowledged',
      ),
    ]);
  });

  it("finds one client's commands in the log in another order than acknowledged", () => {
    const swapped = [ack(GRANTS, 1, 2), ack('/v1/subjects', 0, 1)];
    expect(journalProblems(LOG, swapped, COMPLETED)).toEqual([
      expect.stringMatching(/^reordered: client 0/),
    ]);
  });

  it('finds two commands answered with one event', () => {
    const shared = [...ACKS, { ...ack(GRANTS, 1, 2), key: 'another' }];
    expect(journalProblems(LOG, shared, COMPLETED)).toEqual([
      expect.stringMatching(/^duplicated: keys key-2 and another/),
      expect.stringMatching(/^reordered:/),
    ]);
  });

  it('finds a subject stream nobody acknowledged, and an id stored twice', () => {
    const stray = { ...event(3, 0, 'subject-registered', 'e1'), streamName: 'subject-default-x' };
    expect(journalProblems([...LOG, stray], ACKS, COMPLETED)).toEqual([
      'an event id occurs twice in the log',
      'subject-default-x holds [subject-registered], but no subject of it was acknowledged',
    ]);
  });
});
