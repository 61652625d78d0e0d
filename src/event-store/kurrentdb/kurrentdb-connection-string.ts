import { KurrentDbConnectionStringError } from './kurrentdb.errors';

const CONNECTION_STRING =
  /^(?<scheme>kurrentdb|kurrent|kdb|esdb)(?<discover>\+discover)?:\/\/(?<rest>.+)$/i;

/**
 * Rewrites a connection string into the form both halves of the client (gRPC for writes and
 * subscriptions, the native bridge for reads) treat the way this service means it:
 *
 * - `esdb` becomes `kurrentdb`: the client prints a deprecation warning to the console for
 *   `esdb`, and adapters do not log.
 * - `+discover` with several hosts drops `+discover`: both clients read `+discover` as DNS
 *   discovery through the *first* host only, whereas a plain list of hosts makes every node a
 *   gossip seed. Either way the client discovers the cluster and follows the leader; without
 *   `+discover` it still finds the cluster when the first node is down.
 *
 * Throws without echoing the string, which may hold a password.
 */
export function normaliseConnectionString(connectionString: string): string {
  const match = CONNECTION_STRING.exec(connectionString.trim());
  const groups = match?.groups;
  if (groups === undefined) {
    throw new KurrentDbConnectionStringError(
      'the KurrentDB connection string must start with kurrentdb://, kurrent://, kdb:// or esdb:// ' +
        '(optionally +discover); value not shown: it may hold a password',
    );
  }
  const rest = groups.rest ?? '';
  const lowered = (groups.scheme ?? '').toLowerCase();
  const scheme = lowered === 'esdb' ? 'kurrentdb' : lowered;
  const discover = groups.discover !== undefined && hostCount(rest) === 1;
  return `${scheme}${discover ? '+discover' : ''}://${rest}`;
}

/** Hosts listed between the optional `user:password@` and the optional `?query`. */
export function hostCount(rest: string): number {
  const withoutQuery = rest.split('?')[0] ?? '';
  const hosts = withoutQuery.slice(withoutQuery.lastIndexOf('@') + 1).replace(/\/+$/, '');
  return hosts.split(',').filter((host) => host.trim() !== '').length;
}
