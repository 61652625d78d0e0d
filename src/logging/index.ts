/**
 * The public face of src/logging: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { createRootLogger } from './create-root-logger';
export { loggableError } from './loggable-error';
export { LoggingModule } from './logging.module';
export { createNestLogger } from './nest-logger';
export { REQUEST_ID_HEADER, echoRequestId, requestIdFor } from './request-id';
export { RequestLogController } from './request-log-controller';
export { UNMATCHED_ROUTE, requestPathOf, routeTemplateOf } from './route-template';
