import { describeServiceKills } from './service-kills/kill-spec';
import { sqliteStore } from './service-kills/stores';

/** Issue #13: SIGKILL of the service under concurrent HTTP load, on the default SQLite stores. */
describe('the service on SQLite, killed with SIGKILL under HTTP load', () => {
  describeServiceKills(sqliteStore);
});
