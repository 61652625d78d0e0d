/**
 * The public face of src/auth: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { ApiKeyRegistry } from './api-keys/api-key-registry';
export { KEY_NAME } from './api-keys/commands/create-api-key/create-api-key.request.dto';
export { KEY_ID } from './api-keys/http/api-key-id.pipe';
export { AuthModule } from './auth.module';
export { ApiKeyRefusal } from './domain/api-key-refusal';
export { publicPrefix } from './domain/api-key-token';
export { PolicyRecipientsQuery } from './policy-recipients.query';
export { Public } from './public.decorator';
export { ROLES, TENANT_WIDE_ROLES, isRole } from './role';
export type { Role } from './role';
export { Roles } from './roles.decorator';
