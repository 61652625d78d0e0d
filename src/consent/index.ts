/**
 * The public face of src/consent: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { PolicyReader } from './application/policy-reader';
export { SubjectCommandService } from './application/subject-command.service';
export type { SubjectCommandResult, SubjectRequest } from './application/subject-command.service';
export { ConsentModule } from './consent.module';
export { CommandReceipt, receiptOf } from './http/command-receipt';
export { etagOf } from './http/if-match';
export { POLICY_KEY, PermissionFieldsDto } from './http/permission-fields.dto';
export { SubjectIdPipe } from './http/subject-id.pipe';
export { subjectRequest, withEtag } from './http/subject-request';
