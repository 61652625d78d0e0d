/**
 * The public face of src/feed/domain: the pure rules of the permission-change feed (no
 * NestJS, no I/O). Everything else in this folder is internal.
 */
export { nextChangeInstant } from './next-change-instant';
export { changesBetween } from './permission-change';
export type { ChangeTrigger, PermissionChange } from './permission-change';
export { combinationKey, permittedOf, standingsAt } from './permission-standings';
export type { Standing, Standings } from './permission-standings';
export { reevaluateSubject, UNSEEN_SUBJECT } from './reevaluate-subject';
export type { FollowedSubject } from './reevaluate-subject';
