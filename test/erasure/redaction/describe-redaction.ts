import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKPOINT_SIGNING_KEY } from '../../../src/audit/audit.tokens';
import {
  type CheckpointSigningKey,
  logOrigin,
} from '../../../src/audit/checkpoints/checkpoint-signing-key';
import { type ChainLink, leafHashOf } from '../../../src/audit/leaf';
import { verifyConsistency } from '../../../src/audit/merkle/verify-consistency';
import { verifyInclusion } from '../../../src/audit/merkle/verify-inclusion';
import { parseCheckpoint } from '../../../src/audit/note/checkpoint';
import { parseVerifierKey } from '../../../src/audit/note/note-keys';
import { parseNote } from '../../../src/audit/note/signed-note';
import { verifyBundleFile } from '../../../src/audit/verify/verify-bundle';
import type { AppConfig } from '../../../src/config/app-config';
import { APP_CONFIG } from '../../../src/config/app-config.token';
import { verifyCertificate } from '../../../src/erasure/certificate/verify/verify-certificate';
import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import { LOCATION_CHECK, MAP_LOCATION } from '../../e2e/consent/fixtures';
import type { RegisteredSubject } from '../../e2e/consent/harness';
import { type ErasureApi, TENANT, useErasureApi } from '../support/erasure-api';

/** The raw `data` text of a stream's rows, read straight from the event store's database. */
export type RawStreamData = (api: ErasureApi, streamName: string) => Promise<string[]>;

const SEALED_TOKEN = /v1\.[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+/g;

function tokensIn(events: readonly RecordedEvent[]): string[] {
  return events.flatMap((e) => JSON.stringify(e.data).match(SEALED_TOKEN) ?? []);
}

/**
 * After erasure the SQL event stores hold digests where the subject's ciphertext was
 * (ADR 0017), and everything built on the events still answers and verifies: the leaves
 * are the same bytes, so inclusion and consistency proofs, export bundles and the erasure
 * certificate verify; checks and flow windows answer from the non-personal skeleton.
 */
export function describeRedaction(
  store: string,
  env: Record<string, string>,
  rawStreamData: RawStreamData,
): void {
  describe(`redaction on ${store}`, () => {
    const api = useErasureApi({ CHECKPOINT_EVERY_MS: '50', ...env });
    let erased: RegisteredSubject;
    let partly: RegisteredSubject;
    let erasedTokens: string[];
    let before: { events: RecordedEvent[]; checkpoint: string };
    let verifierKey: string;

    const location = { latitude: 47.3769, longitude: 8.5417 };
    const stream = (subject: RegisteredSubject) => `subject-${TENANT}-${subject.subjectId}`;

    async function latestCheckpoint(atLeast: number): Promise<string> {
      for (;;) {
        const response = await api.get('/v1/audit/checkpoint');
        if (response.statusCode === 200) {
          const size = parseCheckpoint(parseNote(response.body).text).size;
          if (size >= BigInt(atLeast)) return response.body;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    beforeAll(async () => {
      const config = api.app.get<AppConfig>(APP_CONFIG);
      const key = api.app.get<CheckpointSigningKey>(CHECKPOINT_SIGNING_KEY);
      verifierKey = key.verifierKeyFor(logOrigin(config.audit.originHost, TENANT));

      erased = await api.registerSubject({ email: 'redacted@example.org', phone: '+41790000000' });
      partly = await api.registerSubject({ email: 'kept@example.org' });
      for (const subject of [erased, partly]) {
        expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
        await api.sync(
          subject.path,
          { ...MAP_LOCATION, precision: 'approximate', location },
          'recorded',
        );
        await api.sync(
          subject.path,
          { ...LOCATION_CHECK, precision: 'approximate', location },
          'recorded',
        );
      }
      const events = await api.subjectEvents(erased.subjectId);
      erasedTokens = tokensIn(events);
      expect(erasedTokens.length).toBe(5);
      before = {
        events,
        checkpoint: await latestCheckpoint(Number(events.at(-1)!.globalPosition)),
      };

      const account = await api.requestErasure(erased.path, { scope: 'account' });
      await api.erasure(erased.path, account.erasureId, account.consistencyToken);
      const accountPath = `${erased.path}/erasure-requests/${account.erasureId}`;
      expect(
        (await api.post(`${accountPath}/completion`, { override: { reason: 'gone' } })).json(),
      ).toMatchObject({
        shredding: 'done',
      });

      const categories = await api.requestErasure(partly.path, {
        scope: 'categories',
        categories: ['approximate-location'],
      });
      await api.erasure(partly.path, categories.erasureId, categories.consistencyToken);
      const categoryPath = `${partly.path}/erasure-requests/${categories.erasureId}`;
      const done = await api.post(`${categoryPath}/completion`, { override: { reason: 'told' } });
      expect(done.statusCode).toBe(201);
      // The certificate waits for the shredder, which redacts.
      expect((await api.get(`${categoryPath}/certificate`)).statusCode).toBe(200);
    });

    it('the raw rows of an erased account hold digests, no ciphertext', async () => {
      const rows = (await rawStreamData(api, stream(erased))).join('\n');
      expect(rows).toContain('"sealedDigest"');
      expect(rows.match(SEALED_TOKEN)).toBeNull();
      for (const token of erasedTokens) expect(rows).not.toContain(token);
      expect((await api.get(erased.path)).json()).toMatchObject({
        appSubjectId: null,
        email: null,
      });
    });

    it('a category erasure redacts the locations of that category only', async () => {
      const events = await api.subjectEvents(partly.subjectId);
      const syncs = events.filter((e) => e.type === 'sync-recorded');
      expect(syncs.map((e) => [e.data.category, typeof e.data.location])).toEqual([
        ['approximate-location', 'object'],
        ['location-check', 'string'],
      ]);
      const rows = (await rawStreamData(api, stream(partly))).join('\n');
      // Still sealed: the app id, the e-mail, the other category's location, the override reason.
      expect(rows.match(SEALED_TOKEN)).toHaveLength(4);
      expect((await api.get(partly.path)).json()).toMatchObject({ email: 'kept@example.org' });
    });

    it('every leaf is unchanged: inclusion and consistency proofs still verify', async () => {
      const after = await api.subjectEvents(erased.subjectId);
      const latest = parseCheckpoint(parseNote(await latestCheckpoint(0)).text);
      const earlier = parseCheckpoint(parseNote(before.checkpoint).text);
      for (const [i, event] of before.events.entries()) {
        const response = await api.get(
          `/v1/audit/proofs/inclusion?eventId=${event.id}&treeSize=${latest.size}`,
        );
        const proof = response.json<{
          leafIndex: number;
          proof: string[];
          previousInStream?: ChainLink;
        }>();
        // The leaf commits to its link in the subject's chain too (docs/adr/0041).
        const link = proof.previousInStream;
        expect(link).toBeDefined();
        expect(leafHashOf(after[i]!, link)).toEqual(leafHashOf(event, link));
        verifyInclusion(
          proof.leafIndex,
          latest.size,
          leafHashOf(after[i]!, link),
          proof.proof.map((p) => Buffer.from(p, 'base64')),
          latest.rootHash,
        );
      }
      const consistency = await api.get(
        `/v1/audit/proofs/consistency?from=${earlier.size}&to=${latest.size}`,
      );
      verifyConsistency(
        earlier.size,
        latest.size,
        consistency.json<{ proof: string[] }>().proof.map((p) => Buffer.from(p, 'base64')),
        earlier.rootHash,
        latest.rootHash,
      );
    });

    it('an export bundle of the erased subject verifies offline, and so does its certificate', async () => {
      const response = await api.get(`/v1/audit/exports?subjectId=${erased.subjectId}`);
      expect(response.statusCode).toBe(200);
      expect(response.body.match(SEALED_TOKEN)).toBeNull();
      const file = join(api.dataDir, 'bundle.jsonl');
      writeFileSync(file, response.body);
      const failures: unknown[] = [];
      const summary = await verifyBundleFile(file, parseVerifierKey(verifierKey), {
        onFailure: (failure) => failures.push(failure),
      });
      expect({ failures, events: summary.events > 0 }).toEqual({ failures: [], events: true });
    });

    it('checks and flow windows still answer', async () => {
      const check = await api.post('/v1/checks', {
        subjectId: partly.subjectId,
        ...LOCATION_CHECK,
      });
      expect(check.statusCode).toBe(200);
      const windows = await api.get(`${erased.path}/flow-windows`);
      expect(windows.statusCode).toBe(200);
      expect(JSON.stringify(windows.json())).toContain('approximate-location');
    });

    it('the erased subject’s certificate verifies', async () => {
      const list = await api.list('state=completed');
      const request = list.erasures.find((e) => e.subjectId === erased.subjectId)!;
      const response = await api.get(
        `${erased.path}/erasure-requests/${request.erasureId}/certificate`,
      );
      expect(verifyCertificate(response.body, parseVerifierKey(verifierKey)).failures).toEqual([]);
    });
  });
}
