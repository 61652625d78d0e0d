import { DataKey } from '../data-key';
import type { KeyEncryptionKeys } from '../kek/key-encryption-keys.port';
import { KeyStoreClosedError, SubjectKeyDestroyedError } from '../keys.errors';
import { rewrapAll } from './rewrap-all';
import type { LiveKeyRow, SubjectKeyRows } from './subject-key-rows';
import type { RewrapProgress, SubjectKeyStore } from './subject-key-store.port';

/**
 * Envelope encryption over a row store: a data key is generated here, wrapped by the KMS
 * port, and only its wrapped form is written. Keys are unwrapped on every `get`; nothing
 * is cached, so a destroyed key is gone from this process as soon as the row is.
 */
export class EnvelopeSubjectKeyStore implements SubjectKeyStore {
  private closed = false;

  constructor(
    private readonly rows: SubjectKeyRows,
    private readonly kek: KeyEncryptionKeys,
  ) {}

  async create(tenantId: string, subjectId: string): Promise<DataKey> {
    this.assertOpen();
    const existing = await this.get(tenantId, subjectId);
    if (existing === 'destroyed') throw new SubjectKeyDestroyedError(tenantId, subjectId);
    if (existing !== undefined) return existing;
    const fresh = DataKey.generate();
    const bytes = fresh.bytes;
    try {
      const wrapped = await this.kek.wrap(bytes);
      await this.rows.insertIfAbsent(tenantId, subjectId, { keyId: fresh.keyId, ...wrapped });
    } finally {
      bytes.fill(0);
    }
    // A concurrent create may have won the insert: whatever is stored now is the key.
    const stored = await this.rows.find(tenantId, subjectId);
    if (stored === 'destroyed') throw new SubjectKeyDestroyedError(tenantId, subjectId);
    if (stored === undefined) throw new Error('the subject key row vanished right after insert');
    return this.open(stored);
  }

  async get(tenantId: string, subjectId: string): Promise<DataKey | 'destroyed' | undefined> {
    this.assertOpen();
    const row = await this.rows.find(tenantId, subjectId);
    if (row === undefined || row === 'destroyed') return row;
    return this.open(row);
  }

  async destroy(tenantId: string, subjectId: string): Promise<void> {
    this.assertOpen();
    await this.rows.markDestroyed(tenantId, subjectId);
  }

  async rewrapAll(
    kek: KeyEncryptionKeys,
    onProgress?: (progress: RewrapProgress) => void,
  ): Promise<number> {
    this.assertOpen();
    return rewrapAll(this.rows, kek, onProgress);
  }

  async kekIdsInUse(): Promise<string[]> {
    this.assertOpen();
    return this.rows.kekIdsInUse();
  }

  async kekUsage(): Promise<Map<string, number>> {
    this.assertOpen();
    return this.rows.countByKek();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.rows.close();
  }

  private async open(row: LiveKeyRow): Promise<DataKey> {
    const bytes = await this.kek.unwrap(row);
    try {
      return new DataKey(row.keyId, bytes);
    } finally {
      bytes.fill(0);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new KeyStoreClosedError();
  }
}
