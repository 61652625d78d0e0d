/**
 * Nest token under which a feature module registers its projections. Nest has no
 * multi-providers, but a token is local to each module, so every module may provide its
 * own `PROJECTIONS` (one projection or an array); the projections module collects all of
 * them, from every module, when the application boots:
 *
 *   providers: [{ provide: PROJECTIONS, useFactory: () => [new ConsentStateProjection()] }]
 *
 * The provider need not be exported.
 */
export const PROJECTIONS = Symbol('Projections');
