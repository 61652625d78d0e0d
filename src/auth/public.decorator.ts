import { SetMetadata } from '@nestjs/common';

/** Metadata key that marks an endpoint reachable without credentials. */
export const PUBLIC_METADATA = 'consent-ledger:public';

/** Marks an endpoint reachable without credentials (health, readiness, the API description). */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);
