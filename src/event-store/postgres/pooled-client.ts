import type { Pool, PoolClient } from 'pg';
import { isConnectionLoss } from './postgres-errors';

/**
 * Runs `work` on a client checked out of the pool, and hands a client whose connection died
 * meanwhile back as broken, so the pool discards it rather than lending it out again. (The
 * pool's own listener, see `WatchedPool`, is what keeps such a death from ending the process.)
 */
export async function withClient<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error): void => {
    broken = error;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    if (isConnectionLoss(error)) broken ??= error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken ?? false);
  }
}
