import { chmodSync, writeFileSync } from 'node:fs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../../config';
import { WrongExpectedRevisionError } from '../../event-store';
import { ApiKeyRegistry } from './api-key-registry';

/** The idempotency key of the bootstrap: every replica derives the same event id from it. */
const BOOTSTRAP_REQUEST = 'initial-tenant-admin-key';

/**
 * On the very first start, gives the default tenant its first tenant-admin key and hands it
 * out once: written to INITIAL_ADMIN_KEY_FILE (mode 0600) when set, else printed on stdout.
 * It is never logged. Replicas starting together race on an empty registry stream, and
 * only one of them wins the append.
 */
@Injectable()
export class InitialAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger(InitialAdminKey.name);

  constructor(
    private readonly registry: ApiKeyRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const tenantId = this.config.consent.defaultTenant;
    if ((await this.registry.list(tenantId)).length > 0) return;
    let created;
    try {
      created = await this.registry.create({ tenantId, principal: 'operator' }, BOOTSTRAP_REQUEST, {
        name: 'initial-admin',
        roles: ['tenant-admin'],
        expiresAt: null,
      });
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return;
      throw error;
    }
    if (created.apiKey === undefined) return;
    this.handOut(tenantId, created.apiKey);
  }

  private handOut(tenantId: string, apiKey: string): void {
    const file = this.config.auth.initialAdminKeyFile;
    if (file !== undefined) {
      writeFileSync(file, `${apiKey}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
      this.logger.log(
        `The first tenant-admin key of tenant ${tenantId} was written to INITIAL_ADMIN_KEY_FILE`,
      );
      return;
    }
    process.stdout.write(
      `\nThe first tenant-admin API key of tenant "${tenantId}" (shown once, keep it safe):\n\n  ${apiKey}\n\n`,
    );
  }
}
