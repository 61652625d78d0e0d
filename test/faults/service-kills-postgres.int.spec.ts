import { describeServiceKills } from './service-kills/kill-spec';
import { postgresStore } from './service-kills/stores';

/**
 * Issue #13: SIGKILL of the service under concurrent HTTP load, with its event, read and key
 * stores on the PostgreSQL server at PG_TEST_URL (default 127.0.0.1:5432), as the other
 * PostgreSQL suites use it.
 */
describe('the service on PostgreSQL, killed with SIGKILL under HTTP load', () => {
  describeServiceKills(postgresStore);
});
