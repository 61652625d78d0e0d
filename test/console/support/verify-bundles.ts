import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKPOINT_SIGNER, CHECKPOINT_SIGNING_KEY } from '../../../src/audit/audit.tokens';
import type { CheckpointSigner } from '../../../src/audit/checkpoints/checkpoint-signer';
import {
  logOrigin,
  type CheckpointSigningKey,
} from '../../../src/audit/checkpoints/checkpoint-signing-key';
import { formatVerifierKey } from '../../../src/audit/note/note-keys';
import { runVerify, VERIFY_EXIT } from '../../../src/cli/verify.command';
import type { EventStore } from '../../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../../src/event-store/event-store.token';
import { ProjectorHost } from '../../../src/projections/projector-host';
import type { ReadSideApp } from '../../read-side/read-side-app';

const ORIGIN = logOrigin('consent-ledger.local', 'default');

/** Signs the default log once the projections hold every event; its verifier key. */
export async function signedLog(api: ReadSideApp): Promise<string> {
  const head = await api.app.get<EventStore>(EVENT_STORE).headPosition();
  expect(await api.app.get(ProjectorHost).waitForPosition(head, 10_000)).toBe(true);
  await api.app.get<CheckpointSigner>(CHECKPOINT_SIGNER).sign('default');
  return api.app.get<CheckpointSigningKey>(CHECKPOINT_SIGNING_KEY).verifierKeyFor(ORIGIN);
}

/** A well-formed verifier key of the same log name, for a key that never signed it. */
signedLog.otherKey = (): string => formatVerifierKey(ORIGIN, randomBytes(32));

/** What `consent-ledger verify` concludes on `bundle`, in the console's terms. */
export async function cliVerdict(
  bundle: string,
  verifierKey: string,
): Promise<{ verdict: string; failures: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'console-verify-'));
  try {
    const path = join(dir, 'bundle.jsonl');
    writeFileSync(path, bundle);
    const report: string[] = [];
    const code = await runVerify(path, verifierKey, { line: (text) => report.push(text) });
    const verdict = { [VERIFY_EXIT.verified]: 'verified', [VERIFY_EXIT.failed]: 'failed' }[code];
    return { verdict: verdict ?? 'unusable', failures: report.slice(0, -1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The bundle with one byte of one of the subject's events changed (a digit of its
 * recordedAt, so that the line still parses): the id of that event.
 */
export function tamperedEvent(
  bundle: string,
  subjectId: string,
): { text: string; eventId: string } {
  const lines = bundle.split('\n');
  const parsed = lines.map(
    (line) =>
      (line === '' ? {} : JSON.parse(line)) as {
        kind?: string;
        event?: { id: string; data: { subjectId?: string } };
      },
  );
  const index = parsed.findIndex(
    (l) => l.kind === 'event' && l.event?.data.subjectId === subjectId,
  );
  const line = lines[index]!;
  const eventId = parsed[index]!.event!.id;
  const tampered = line.replace(
    /("recordedAt":"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d\d)(\d)/,
    (_, head: string, digit: string) => `${head}${(Number(digit) + 1) % 10}`,
  );
  expect(tampered).not.toBe(line);
  lines[index] = tampered;
  return { text: lines.join('\n'), eventId };
}
