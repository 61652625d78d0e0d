import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import type { Acknowledged, CompletedSubject } from '../../support/command-load';

/** What a command's answer says it appended. */
interface Receipt {
  readonly subjectId: string;
  readonly revision: number;
  readonly consistencyToken: string;
}

const EVENT_TYPE_OF_COMMAND: Readonly<Record<string, string>> = {
  subjects: 'subject-registered',
  grants: 'consent-granted',
};

/**
 * Compares the acknowledgement journal with the whole event log read back from the store
 * and returns every discrepancy (none when nothing acknowledged was lost, duplicated or
 * reordered):
 * - lost: each acknowledged command's event is at the stream revision and global position
 *   its answer named, with the command's event type;
 * - duplicated: no two acknowledged commands name one event, event ids are unique, and each
 *   subject's stream holds exactly the events of its acknowledged commands, nothing more
 *   (a command retried after a kill that was stored twice would show here);
 * - reordered: the global order is strictly increasing, and one client's commands, each
 *   sent after the previous was acknowledged, appear in the log in that order.
 */
export function journalProblems(
  log: readonly RecordedEvent[],
  acknowledged: readonly Acknowledged[],
  completed: readonly CompletedSubject[],
  tenant = 'default',
): string[] {
  const problems: string[] = [];
  if (new Set(log.map((e) => e.id)).size !== log.length) {
    problems.push('an event id occurs twice in the log');
  }
  for (let i = 1; i < log.length; i++) {
    if (log[i]!.globalPosition <= log[i - 1]!.globalPosition) {
      problems.push(`global order broken at position ${log[i]!.globalPosition}`);
    }
  }
  const byPosition = new Map(log.map((e) => [e.globalPosition, e]));
  const claimed = new Map<bigint, string>();
  const lastPositionOfClient = new Map<number, bigint>();
  for (const ack of acknowledged) {
    const receipt = JSON.parse(ack.responseBody) as Receipt;
    const position = BigInt(receipt.consistencyToken);
    const event = byPosition.get(position);
    const expectedType = EVENT_TYPE_OF_COMMAND[ack.url.split('/').at(-1)!];
    const stream = `subject-${tenant}-${receipt.subjectId}`;
    if (event === undefined) {
      problems.push(
        `lost: ${ack.url} (key ${ack.key}) answered position ${position}, not in the log`,
      );
    } else if (
      event.streamName !== stream ||
      event.streamRevision !== receipt.revision ||
      event.type !== expectedType
    ) {
      problems.push(
        `lost: ${ack.url} (key ${ack.key}) answered ${stream}@${receipt.revision}, position ${position} holds ${event.type} of ${event.streamName}@${event.streamRevision}`,
      );
    }
    const other = claimed.get(position);
    if (other !== undefined) {
      problems.push(
        `duplicated: keys ${other} and ${ack.key} were both answered position ${position}`,
      );
    }
    claimed.set(position, ack.key);
    const previous = lastPositionOfClient.get(ack.client);
    if (previous !== undefined && position <= previous) {
      problems.push(
        `reordered: client ${ack.client}'s command at ${position} was acknowledged after its command at ${previous}`,
      );
    }
    lastPositionOfClient.set(ack.client, position);
  }
  const streams = new Map<string, string[]>();
  for (const event of log) {
    if (!event.streamName.startsWith(`subject-${tenant}-`)) continue;
    streams.set(event.streamName, [...(streams.get(event.streamName) ?? []), event.type]);
  }
  for (const subject of completed) {
    const stream = `subject-${tenant}-${subject.subjectId}`;
    const types = streams.get(stream) ?? [];
    if (JSON.stringify(types) !== JSON.stringify(subject.eventTypes)) {
      problems.push(
        `${stream} holds [${types.join(', ')}], acknowledged [${subject.eventTypes.join(', ')}]`,
      );
    }
    streams.delete(stream);
  }
  for (const [stream, types] of streams) {
    problems.push(`${stream} holds [${types.join(', ')}], but no subject of it was acknowledged`);
  }
  return problems;
}
