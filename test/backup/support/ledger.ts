import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { CHECKPOINT_SIGNER } from '../../../src/audit/audit.tokens';
import type { CheckpointSigner } from '../../../src/audit/checkpoints/checkpoint-signer';
import { loadSigningKeyFile } from '../../../src/audit/checkpoints/signing-key-file';
import { AuditExporter } from '../../../src/audit/export/audit-exporter';
import { serializeBundleLine } from '../../../src/audit/export/bundle-lines';
import { cliExportLimits } from '../../../src/audit/export/export-limits';
import { createApp } from '../../../src/bootstrap/create-app';
import { runVerify } from '../../../src/cli/verify.command';
import type { AppConfig } from '../../../src/config/app-config';
import { loadConfig } from '../../../src/config/load-config';
import type { EventStore } from '../../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../../src/event-store/event-store.token';
import { ProjectorHost } from '../../../src/projections/projector-host';
import { allRolesKey, bearer } from '../../support/credentials';

export const TENANT = 'default';
export const ORIGIN = `consent-ledger.local/${TENANT}`;

/** Opt-in: flows only with a grant (from the example policy). */
export const DEVICE_INFO = {
  category: 'device-info',
  recipient: 'first-party-row',
  purpose: 'diagnostics',
} as const;

export interface Subject {
  readonly subjectId: string;
  readonly email: string;
  /** The global position the registration and its grant reached. */
  readonly position: bigint;
}

/**
 * The service on the stores an environment names, in process, driven with `inject()`. The
 * first tenant-admin key goes to INITIAL_ADMIN_KEY_FILE on first start; later starts (on a
 * restored store) reuse a key made on the first, which the restored key registry must know.
 */
export class Ledger {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    readonly apiKey: string,
  ) {}

  static async start(env: Record<string, string>, apiKey?: string): Promise<Ledger> {
    const config = loadConfig(env);
    // Logs go nowhere: without a destination the logger would write to the worker's stdout.
    const app = await createApp(config, {
      logDestination: new Writable({ write: (_c, _e, done) => done() }),
    });
    try {
      return new Ledger(app, config, apiKey ?? (await allRolesKey(app, config.dataDir)));
    } catch (error) {
      await app.close();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.app.close();
  }

  get(url: string): Promise<LightMyRequestResponse> {
    return this.app.inject({ method: 'GET', url, headers: bearer(this.apiKey) });
  }

  async send(url: string, body: unknown): Promise<Record<string, unknown>> {
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        ...bearer(this.apiKey),
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      payload: JSON.stringify(body),
    });
    if (response.statusCode !== 201 && response.statusCode !== 200) {
      throw new Error(`POST ${url} answered ${response.statusCode}: ${response.body}`);
    }
    return response.json<Record<string, unknown>>();
  }

  /** Registers a subject with an e-mail (stored only sealed) and grants it DEVICE_INFO. */
  async subject(tag: string): Promise<Subject> {
    const email = `${tag}-${randomUUID()}@example.org`;
    const registered = await this.send('/v1/subjects', {
      appSubjectId: `app-${randomUUID()}`,
      email,
      residency: 'row',
    });
    const subjectId = String(registered.subjectId);
    const granted = await this.send(`/v1/subjects/${subjectId}/grants`, DEVICE_INFO);
    return { subjectId, email, position: BigInt(String(granted.consistencyToken)) };
  }

  head(): Promise<bigint> {
    return this.app.get<EventStore>(EVENT_STORE).headPosition();
  }

  /** Waits until the projections applied the whole feed, then signs the tenant's log. */
  async signWholeLog(): Promise<void> {
    const head = await this.head();
    if (!(await this.app.get(ProjectorHost).waitForPosition(head, 20_000))) {
      throw new Error(`the projections did not reach position ${head}`);
    }
    await this.app.get<CheckpointSigner>(CHECKPOINT_SIGNER).sign(TENANT);
  }

  /** The tenant's latest signed checkpoint note, as an auditor would keep it. */
  async checkpointNote(): Promise<string> {
    const response = await this.get('/v1/audit/checkpoint');
    if (response.statusCode !== 200) throw new Error(`no checkpoint: ${response.statusCode}`);
    return response.body;
  }

  /**
   * Exports the tenant's whole log (as `consent-ledger export --from 1970…` does) and checks
   * it with the offline verifier and the verifier key of the configured signing key.
   */
  async exportAndVerify(path: string): Promise<{ code: number; report: string[]; events: number }> {
    const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    await once(file, 'open');
    const summary = await this.app
      .get(AuditExporter)
      .export(
        { tenant: TENANT, selection: { kind: 'recorded-between' } },
        cliExportLimits(this.config),
        async (line) => {
          if (!file.write(serializeBundleLine(line))) await once(file, 'drain');
        },
      );
    file.end();
    await once(file, 'finish');
    const { key } = loadSigningKeyFile({ ...this.config.audit.signingKey, name: 'unused' });
    const report: string[] = [];
    const code = await runVerify(path, key.verifierKeyFor(ORIGIN), {
      line: (text) => report.push(text),
    });
    return { code, report, events: summary.eventCount };
  }
}

/**
 * Writes subjects through `ledger` until `stop()` is called, one after another; `stop`
 * resolves to every subject whose commands were acknowledged.
 */
export function writeContinuously(
  ledger: Ledger,
  tag: string,
): { stop(): Promise<Subject[]>; count(): number } {
  const acknowledged: Subject[] = [];
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      acknowledged.push(await ledger.subject(tag));
      // A breath between commands leaves the shared machine's CPU to the backup process too.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    count: () => acknowledged.length,
    stop: async () => {
      stopping = true;
      await loop;
      return acknowledged;
    },
  };
}
