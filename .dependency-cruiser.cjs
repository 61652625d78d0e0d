/**
 * Architecture rules checked in `npm run lint` (and so in `npm test`).
 * The domain is pure: no framework, no database, no HTTP, no I/O.
 */

/** Commands, queries and their handlers (rule handlers-carry-no-http). */
const COMMANDS_QUERIES_AND_HANDLERS = '\\.(handler|command|query)\\.ts$';
/** What belongs to the HTTP edge: request DTOs, controllers, http folders, Fastify. */
const HTTP_EDGE = [
  '\\.request\\.dto\\.ts$',
  '\\.controller\\.ts$',
  '^src/http/',
  '^src/(consent|read-side|erasure|audit|auth)/(http/|.*/http/)',
  // Not anchored: in a git worktree node_modules resolves through a symlink.
  '(^|/)node_modules/(fastify|@nestjs/platform-fastify)/',
];

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
          '^src/(event-store/(sqlite|postgres|kurrentdb)|read-store|projections|http|config|bootstrap|postgres|tenancy|idempotency|health|metrics|logging|keys/)',
          '^src/audit/(checkpoints|http|queries|export/(?!export-bundle))',
          '^src/audit/log/(?!log-of-event)',
        ],
      },
    },
    {
      name: 'console-is-browser-only',
      comment:
        "The auditor console (src/console) runs in the browser and talks to the service over HTTP only: it imports its own files and Lit, never a service module, NestJS, a store or a Node built-in (issue #16, docs/adr/0040). The one exception is the offline verifier's core, through its browser face src/audit/verify/browser/index.ts, with the `buffer` package standing in for Node's Buffer (docs/adr/0045).",
      severity: 'error',
      from: { path: '^src/console/' },
      to: {
        pathNot: [
          '^src/console/',
          '(^|/)node_modules/(lit|lit-html|lit-element|@lit/reactive-element)/',
          '^src/audit/verify/browser/index\\.ts$',
          // dependency-cruiser reads 'buffer' as Node's module; esbuild bundles the npm package.
          '^buffer$',
        ],
      },
    },
    {
      name: 'service-does-not-load-the-console',
      comment:
        'The service serves the built console as static files (src/console-assets); no server code imports its browser sources.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/console/' },
      to: { path: '^src/console/' },
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
        'Commands and queries carry domain values, not HTTP request classes: a command, query or handler imports no request DTO, no controller, nothing from an http folder (the shared edge src/http, or that of consent, the read side, erasure, audit or auth), and no Fastify; the controller maps the request to the command and the result to the response (issue #14, docs/adr/0037). src/cli holds CLI commands, not CQRS ones.',
      severity: 'error',
      from: {
        path: COMMANDS_QUERIES_AND_HANDLERS,
        pathNot: ['^src/cli/'],
      },
      to: { path: HTTP_EDGE },
    },
    {
      name: 'only-through-index',
      comment:
        "Another module is reached through its public face only: an index.ts (the module's, or a narrower one it declares, e.g. src/consent/domain/index.ts for the pure rules) or a *.port.ts contract. src/shared is public file by file. Tests and testing/ helpers may reach anywhere (docs/adr/0036, docs/architecture.md).",
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: ['\\.spec\\.ts$', '/testing/'] },
      to: {
        path: '^src/[^/]+/',
        pathNot: ['^src/$1/', '^src/shared/', '(^|/)index\\.ts$', '\\.port\\.ts$'],
      },
    },
    {
      name: 'no-own-index',
      comment:
        "Inside a module, files import each other directly: going through the module's own index would load the whole module and close cycles (docs/adr/0036).",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/$1/index\\.ts$' },
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
