import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildService } from './child-service';
import { authorizationFromEnv, LoopbackClient } from './http-client';

/**
 * The `authorization` header for a benchmark's load: BENCH_AUTHORIZATION when given;
 * otherwise, when the service wrote a first tenant-admin key to `initial-admin.key` in
 * `dataDir`, a fresh `app` key named `name` made with it through the API; otherwise none (a
 * service without access control).
 */
export async function benchAuthorization(
  service: ChildService,
  dataDir: string,
  name: string,
): Promise<string | undefined> {
  const given = authorizationFromEnv();
  if (given) return given;
  const adminKeyFile = join(dataDir, 'initial-admin.key');
  if (!existsSync(adminKeyFile)) return undefined;
  const admin = new LoopbackClient(service.port, 1, {
    authorization: `Bearer ${readFileSync(adminKeyFile, 'utf8').trim()}`,
  });
  try {
    const answer = await admin.post(
      '/v1/api-keys',
      { name, roles: ['app'] },
      { 'idempotency-key': randomUUID() },
    );
    if (answer.status !== 201) {
      throw new Error(`creating the bench key answered ${answer.status}: ${answer.body}`);
    }
    return `Bearer ${(JSON.parse(answer.body) as { apiKey: string }).apiKey}`;
  } finally {
    admin.close();
  }
}
