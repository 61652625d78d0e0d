import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyStoreLocation } from '../../src/keys/storage/key-store-location';

/** One empty key store location per test, and a keys directory beside it. */
export interface KeyStorage {
  readonly location: KeyStoreLocation;
  readonly keysDir: string;
  dispose(): Promise<void>;
}

export type KeyStorageFactory = () => Promise<KeyStorage>;

/** Tracks what a test opens so `afterEach` can close all of it, failures included. */
export class Closer {
  private readonly closables: { close(): Promise<void> }[] = [];

  add<T extends { close(): Promise<void> }>(closable: T): T {
    this.closables.push(closable);
    return closable;
  }

  async closeAll(): Promise<void> {
    const all = this.closables.splice(0);
    await Promise.all(all.map((closable) => closable.close()));
  }
}

export function scratchDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
