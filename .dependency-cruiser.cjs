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
      name: 'offline-verifier-reaches-no-service',
      comment:
        "The offline verifiers (a bundle, a certificate) and their commands run on an auditor's machine, on any Node >= 20: nothing they load is NestJS, a store or HTTP (docs/adr/0014, 0016, 0025).",
      severity: 'error',
      from: {
        path: '^src/(audit/verify/|erasure/certificate/verify/|cli/verify(-certificate)?\\.command\\.ts$)',
      },
      to: {
        reachable: true,
        path: [
          '^node_modules/(@nestjs|fastify|@fastify|pg|pg-pool|@kurrent|pino|pino-http|nestjs-pino|prom-client|class-validator|class-transformer|rxjs|reflect-metadata)/',
          '^(node:)?(sqlite|net|http|https|http2|dgram|child_process)$',
          '^src/(event-store/(sqlite|postgres|kurrentdb)|read-store|projections|http|config|bootstrap|postgres|tenancy|idempotency|health|metrics|logging|keys/(?!sealed-digest))',
          '^src/audit/(checkpoints|http|queries|export/(?!export-bundle))',
          '^src/audit/log/(?!log-of-event)',
        ],
      },
    },
    {
      name: 'shared-is-the-bottom-layer',
      comment:
        'src/shared holds helpers every module may use (ids, instants, backoff): it imports only Node built-ins, npm packages and itself, never a feature module (issue #14).',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'handlers-carry-no-http',
      comment:
        'Commands and queries carry domain values, not HTTP request classes: a handler imports no request DTO, no controller, nothing from the http folders of consent or the read side, and no Fastify; the controller maps the request to the command and the result to the response (issue #14).',
      severity: 'error',
      from: { path: '\\.handler\\.ts$' },
      to: {
        path: [
          '\\.request\\.dto\\.ts$',
          '\\.controller\\.ts$',
          '^src/(consent|read-side)/http/',
          '^src/(consent|read-side)/[^/]+/http/',
          // Not anchored: in a git worktree node_modules resolves through a symlink.
          '(^|/)node_modules/(fastify|@nestjs/platform-fastify)/',
        ],
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
    {
      name: 'no-testing-code-in-production',
      comment:
        'Code in a testing/ folder exists for tests (builders, in-memory stores, a webhook verifier) and is left out of the build (tsconfig.build.json): production code under src/ never imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['\\.spec\\.ts$', '/testing/'] },
      to: { path: '/testing/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^dist/' },
  },
};
