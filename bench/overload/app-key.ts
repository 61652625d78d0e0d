import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authorizationFromEnv, LoopbackClient } from '../support/http-client';

/**
 * The `authorization` header for the load: BENCH_AUTHORIZATION when given; otherwise a fresh
 * `app` key made through the API with the first tenant-admin key the service wrote to
 * `dataDir`; otherwise none (a service without access control).
 */
export async function appKeyFor(port: number, dataDir: string): Promise<string | undefined> {
  const given = authorizationFromEnv();
  if (given) return given;
  const adminKeyFile = join(dataDir, 'initial-admin.key');
  if (!existsSync(adminKeyFile)) return undefined;
  const admin = new LoopbackClient(port, 1, {
    authorization: `Bearer ${readFileSync(adminKeyFile, 'utf8').trim()}`,
  });
  try {
    const answer = await admin.post(
      '/v1/api-keys',
      { name: 'overload-bench', roles: ['app'] },
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
