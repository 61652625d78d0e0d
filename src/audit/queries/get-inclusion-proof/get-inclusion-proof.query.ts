import { Query } from '@nestjs/cqrs';
import type { InclusionProofView } from './inclusion-proof.view';

/** Which leaf an inclusion proof is for: by event id or by leaf index. */
export type LeafSelector = { readonly eventId: string } | { readonly leafIndex: number };

export class GetInclusionProofQuery extends Query<InclusionProofView> {
  constructor(
    readonly tenantId: string,
    readonly leaf: LeafSelector,
    /** The tree size to prove against; undefined: the latest checkpoint's. */
    readonly treeSize: number | undefined,
  ) {
    super();
  }
}
