import type { Pool, PoolClient } from 'pg';
import { isConnectionLoss } from './postgres-errors';

/**
 * Runs `work` on a client checked out of the pool. While checked out, a client whose backend
 * dies between two queries emits 'error' with nobody listening, which would crash the
 * process; this listens, and hands a broken client back as broken so the pool discards it.
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
