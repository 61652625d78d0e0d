import { recordFigures } from '../../support/fault-figures';
import { ServiceKillRun, type StoreUnderTest } from './service-kill-run';

/**
 * Kills per store: FAULTS_KILLS (default 3, for `npm test`; `npm run faults` runs 100 per
 * store). Starting the service compiles the sources unless SERVICE_PROCESS_ENTRY names the
 * build, which the fault run sets.
 */
export const KILLS = Number(process.env.FAULTS_KILLS ?? 3);

/**
 * The kill scenario as a Jest suite for one store. The bound on the test only turns a hang
 * into a failure: a restart that compiles the sources takes up to ~10 s on a busy machine.
 */
export function describeServiceKills(store: () => StoreUnderTest): void {
  let run: ServiceKillRun | undefined;
  afterAll(async () => run?.dispose(), 60_000);

  it(
    `loses, duplicates and reorders nothing it acknowledged across ${KILLS} SIGKILLs under load, answers only 2xx or 503 + Retry-After, and its checkpoints, export and projections agree with its log`,
    async () => {
      run = new ServiceKillRun(store(), KILLS);
      const { problems, figures } = await run.run();
      recordFigures('service-kills', figures);
      expect(problems).toEqual({
        wrongAnswers: [],
        unexpectedExits: [],
        journal: [],
        replays: [],
        checkpoints: [],
        unproven: [],
        verify: [],
        projections: [],
      });
      // The kills met commands in flight, which were sent again with their key and acknowledged.
      expect(figures.acknowledgedAfterUnansweredAttempt).toBeGreaterThan(0);
      expect(figures.checkpointsSeen).toBeGreaterThan(0);
    },
    180_000 + KILLS * 20_000,
  );
}
