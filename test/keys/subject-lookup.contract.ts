import { randomBytes } from 'node:crypto';
import { KeyFileRejectedError, SubjectLookupConflictError } from '../../src/keys/keys.errors';
import { openSubjectLookup } from '../../src/keys/subject-lookup/open-subject-lookup';
import type { SubjectLookup } from '../../src/keys/subject-lookup/subject-lookup.port';
import { Closer, type KeyStorage, type KeyStorageFactory } from './key-storage-harness';

const TENANT = 'tenant-a';

/** The behaviour every `SubjectLookup` backend shares. */
export function describeSubjectLookupContract(name: string, storage: KeyStorageFactory): void {
  describe(`SubjectLookup contract: ${name}`, () => {
    const closer = new Closer();
    const secret = randomBytes(32);
    let where: KeyStorage;
    let lookup: SubjectLookup;

    const open = async (withSecret = secret) =>
      closer.add(await openSubjectLookup(where.location, withSecret, 'test-secret.key'));

    beforeEach(async () => {
      where = await storage();
      lookup = await open();
    });

    afterEach(async () => {
      await closer.closeAll();
      await where.dispose();
    });

    it('finds a remembered subject, and nothing for an unknown app id', async () => {
      await lookup.remember(TENANT, 'user-42@app', 'sub-1');
      expect(await lookup.find(TENANT, 'user-42@app')).toBe('sub-1');
      expect(await lookup.find(TENANT, 'user-43@app')).toBeUndefined();
    });

    it('treats remembering the same pair again as a no-op', async () => {
      await lookup.remember(TENANT, 'user-42@app', 'sub-1');
      await lookup.remember(TENANT, 'user-42@app', 'sub-1');
      expect(await lookup.find(TENANT, 'user-42@app')).toBe('sub-1');
    });

    it('refuses a second subject for the same app id', async () => {
      await lookup.remember(TENANT, 'user-42@app', 'sub-1');
      const attempt = lookup.remember(TENANT, 'user-42@app', 'sub-2');
      await expect(attempt).rejects.toThrow(SubjectLookupConflictError);
      await expect(attempt).rejects.toMatchObject({ side: 'app-subject-id' });
      await expect(attempt).rejects.not.toThrow(/user-42/);
      expect(await lookup.find(TENANT, 'user-42@app')).toBe('sub-1');
    });

    it('refuses a second app id for the same subject', async () => {
      await lookup.remember(TENANT, 'user-42@app', 'sub-1');
      await expect(lookup.remember(TENANT, 'user-99@app', 'sub-1')).rejects.toMatchObject({
        side: 'subject-id',
      });
    });

    it('keeps tenants apart', async () => {
      await lookup.remember('tenant-a', 'user-42@app', 'sub-a');
      await lookup.remember('tenant-b', 'user-42@app', 'sub-b');
      expect(await lookup.find('tenant-a', 'user-42@app')).toBe('sub-a');
      expect(await lookup.find('tenant-b', 'user-42@app')).toBe('sub-b');
    });

    it('forgets a subject: not found any more, and the app id may be paired anew', async () => {
      await lookup.remember(TENANT, 'user-42@app', 'sub-1');
      await lookup.remember(TENANT, 'user-7@app', 'sub-7');
      await lookup.forget(TENANT, 'sub-1');
      await lookup.forget(TENANT, 'sub-1');
      expect(await lookup.find(TENANT, 'user-42@app')).toBeUndefined();
      expect(await lookup.find(TENANT, 'user-7@app')).toBe('sub-7');
      await lookup.remember(TENANT, 'user-42@app', 'sub-2');
      expect(await lookup.find(TENANT, 'user-42@app')).toBe('sub-2');
    });

    it('survives a restart with the same secret', async () => {
      await lookup.remember(TENANT, 'user-42@app', 'sub-1');
      await lookup.close();
      expect(await (await open()).find(TENANT, 'user-42@app')).toBe('sub-1');
    });

    it('refuses to open with another secret than it was filled with', async () => {
      await lookup.remember(TENANT, 'user-42@app', 'sub-1');
      await expect(open(randomBytes(32))).rejects.toThrow(KeyFileRejectedError);
    });
  });
}
