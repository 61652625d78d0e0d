/**
 * Architecture rules checked in `npm run lint` (and so in `npm test`).
 * The domain is pure: no framework, no database, no HTTP, no I/O.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/consent/domain holds deciders and rules only: no NestJS, database, HTTP or I/O.',
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: {
        path: [
          '^node_modules/(@nestjs|fastify|@fastify|pg|@kurrent|pino|prom-client|class-validator|class-transformer|rxjs)/',
          '^(fs|node:fs|net|node:net|http|node:http|https|node:https|child_process|node:child_process|node:sqlite|dgram|node:dgram)$',
          '^src/(event-store|projections|http|health|metrics|logging|config|cli)/',
        ],
      },
    },
    {
      name: 'event-store-adapters-do-not-import-each-other',
      severity: 'error',
      from: { path: '^src/event-store/(sqlite|postgres|kurrentdb)/' },
      to: {
        path: '^src/event-store/(sqlite|postgres|kurrentdb)/',
        pathNot: '^src/event-store/$1/',
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^dist/' },
  },
};
