import { Query } from '@nestjs/cqrs';
import type { ExportSelection } from '../../export/export-request';

/** An export bundle as JSON Lines text (docs/adr/0014), bounded as HTTP exports are. */
export class GetExportBundleQuery extends Query<string> {
  constructor(
    readonly tenantId: string,
    readonly selection: ExportSelection,
    /** Prove against the checkpoint of this size; undefined: the latest. */
    readonly treeSize: number | undefined,
  ) {
    super();
  }
}
