/**
 * Who issues receipts and records: the controller and where its notice lives. Plain values
 * (from RECEIPT_* settings) so that the builders stay pure.
 */
export interface RecordIssuer {
  readonly jurisdiction: string;
  readonly language: string;
  readonly policyUrl: string;
  readonly controller: {
    readonly name: string;
    readonly contact: string;
    readonly email: string;
    readonly phone: string;
    readonly streetAddress: string;
    readonly country: string;
    readonly url: string | undefined;
  };
}
