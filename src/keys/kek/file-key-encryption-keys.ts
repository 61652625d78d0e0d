import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { KekInUseError, KeyUnwrapError, UnknownKekError } from '../keys.errors';
import {
  createSecretFile,
  destroySecretFile,
  prepareKeysDir,
  readSecretFile,
} from '../secret-file';
import { asPromise } from '../as-promise';
import { aesKeyUnwrap, aesKeyWrap } from './aes-key-wrap';
import type { KeyEncryptionKeys, WrappedKey } from './key-encryption-keys.port';
import { compareKekIds, kekFileName, kekIdOfFile, nextKekId } from './kek-id';

const LABEL = 'KEK file';
/** Another process (the CLI) may rotate: the directory is re-read at most this often. */
export const REFRESH_INTERVAL_MS = 1000;

interface FileKeyEncryptionKeysOptions {
  /** Create the first KEK when the directory has none. Default true. */
  readonly createFirst?: boolean;
}

/**
 * The embedded KMS: each KEK is a file of 32 random bytes, owner-only, in the keys directory;
 * the newest is current. Data keys are wrapped with AES-256 key wrap (RFC 3394).
 */
export class FileKeyEncryptionKeys implements KeyEncryptionKeys {
  private readonly keks = new Map<string, Buffer>();
  private newestFirst: string[] = [];
  private refreshedAt = 0;

  private constructor(readonly dir: string) {}

  /** Loads every KEK file, refusing the whole directory if any file is not owner-only. */
  static open(dir: string, options: FileKeyEncryptionKeysOptions = {}): FileKeyEncryptionKeys {
    prepareKeysDir(dir);
    const keys = new FileKeyEncryptionKeys(dir);
    keys.refresh();
    if (keys.newestFirst.length === 0 && options.createFirst !== false) keys.create();
    return keys;
  }

  get currentId(): string {
    this.refreshIfStale();
    const current = this.newestFirst[0];
    if (current === undefined) throw new UnknownKekError('none', `${this.dir} holds no KEK yet`);
    return current;
  }

  /** Ids of the KEKs on disk, newest (current) first. */
  ids(): readonly string[] {
    this.refresh();
    return [...this.newestFirst];
  }

  wrap(dataKey: Buffer): Promise<WrappedKey> {
    return asPromise(() => {
      const kekId = this.currentId;
      return { kekId, wrapped: aesKeyWrap(this.kek(kekId), dataKey) };
    });
  }

  unwrap(wrapped: WrappedKey): Promise<Buffer> {
    return asPromise(() => {
      const dataKey = aesKeyUnwrap(this.kek(wrapped.kekId), wrapped.wrapped);
      if (dataKey === undefined) throw new KeyUnwrapError(wrapped.kekId);
      return dataKey;
    });
  }

  has(kekId: string): Promise<boolean> {
    return asPromise(() => {
      this.refresh();
      return this.keks.has(kekId);
    });
  }

  rotate(): Promise<string> {
    return asPromise(() => this.create());
  }

  retire(kekId: string): Promise<void> {
    return asPromise(() => {
      this.refresh();
      if (!this.keks.has(kekId)) throw this.unknown(kekId);
      if (kekId === this.newestFirst[0]) {
        throw new KekInUseError(kekId, 'it is the current KEK; rotate first');
      }
      destroySecretFile(join(this.dir, kekFileName(kekId)));
      this.forget(kekId);
    });
  }

  /** Two concurrent rotations get the same sequence and different suffixes: both are valid. */
  private create(): string {
    this.refresh();
    const kekId = nextKekId(this.newestFirst);
    this.keks.set(kekId, createSecretFile(join(this.dir, kekFileName(kekId))));
    this.refresh();
    return kekId;
  }

  private kek(kekId: string): Buffer {
    const known = this.keks.get(kekId);
    if (known !== undefined) return known;
    this.refresh();
    const found = this.keks.get(kekId);
    if (found === undefined) throw this.unknown(kekId);
    return found;
  }

  private refreshIfStale(): void {
    if (Date.now() - this.refreshedAt >= REFRESH_INTERVAL_MS) this.refresh();
  }

  /** Mirrors the directory: loads new KEK files, drops the ones another process retired. */
  private refresh(): void {
    const onDisk = readdirSync(this.dir).flatMap((name) => kekIdOfFile(name) ?? []);
    for (const kekId of onDisk) {
      if (!this.keks.has(kekId)) {
        this.keks.set(kekId, readSecretFile(join(this.dir, kekFileName(kekId)), LABEL));
      }
    }
    const present = new Set(onDisk);
    for (const kekId of [...this.keks.keys()]) {
      if (!present.has(kekId)) this.forget(kekId);
    }
    this.newestFirst = onDisk.sort(compareKekIds);
    this.refreshedAt = Date.now();
  }

  private forget(kekId: string): void {
    this.keks.get(kekId)?.fill(0);
    this.keks.delete(kekId);
  }

  private unknown(kekId: string): UnknownKekError {
    return new UnknownKekError(kekId, `key-encryption key ${kekId} is not in ${this.dir}`);
  }
}
