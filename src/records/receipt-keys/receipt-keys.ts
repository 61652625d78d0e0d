import { dirname } from 'node:path';
import { prepareKeysDir, readOrCreateSecretFile, readSecretFile } from '../../keys';
import { TenantReceiptKey } from './receipt-signing-key';

/** Where the receipt key seed lives (RECEIPT_SIGNING_KEY_FILE or KEYS_DIR/receipt-signing.key). */
export interface ReceiptKeyFile {
  readonly file: string;
  /** Generate the seed when the file is missing (the default file); otherwise refuse to start. */
  readonly createIfMissing: boolean;
}

/** The receipt key file is missing, readable by others, or not 32 bytes. */
export class ReceiptKeyFileError extends Error {
  override readonly name = 'ReceiptKeyFileError';
}

/**
 * Every tenant's receipt key, from one owner-only seed file read at start (created on first
 * start like the lookup secret, with the same checks: mode 0600, exactly 32 bytes).
 */
export class ReceiptKeys {
  private readonly byTenant = new Map<string, Promise<TenantReceiptKey>>();

  private constructor(private readonly seed: Buffer) {}

  static open(settings: ReceiptKeyFile): ReceiptKeys {
    const label = 'the receipt signing key file';
    if (settings.createIfMissing) {
      prepareKeysDir(dirname(settings.file));
      return new ReceiptKeys(readOrCreateSecretFile(settings.file, label));
    }
    try {
      return new ReceiptKeys(readSecretFile(settings.file, label));
    } catch (error) {
      if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT') throw error;
      throw new ReceiptKeyFileError(
        `the receipt signing key file ${settings.file} does not exist (RECEIPT_SIGNING_KEY_FILE)`,
      );
    }
  }

  forTenant(tenantId: string): Promise<TenantReceiptKey> {
    let key = this.byTenant.get(tenantId);
    if (key === undefined) {
      key = TenantReceiptKey.derive(this.seed, tenantId);
      this.byTenant.set(tenantId, key);
    }
    return key;
  }
}
