/**
 * The public face of src/http: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { CurrentCaller } from './current-caller.decorator';
export { ErrorMappingInterceptor } from './error-mapping.interceptor';
export { EDGE_SERVER_OPTIONS, installEdgeHandlers } from './http-edge';
export { HttpModule } from './http.module';
export { MayBeOmitted } from './may-be-omitted.decorator';
export { setupOpenApi } from './openapi';
export { API_KEY_SCHEME, METRICS_TOKEN_SCHEME, OIDC_SCHEME } from './openapi-completion';
export { PROBLEM_TYPES } from './problem-types';
export type { ProblemType } from './problem-types';
export {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_CONTENT_TYPE_HEADER,
  ProblemException,
  problemDocument,
} from './problem';
export type { Problem } from './problem';
export { IsBefore, IsCount, IsRfc3339, IsUuidText, OneKindOf } from './query-parameter-rules';
export { RequestValidationError, createValidationPipe } from './request-validation';
