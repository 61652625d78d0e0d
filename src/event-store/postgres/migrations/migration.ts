export interface Migration {
  /** Applied in ascending order, each exactly once per schema. */
  readonly version: number;
  readonly name: string;
  /** SQL for the schema given as a quoted identifier. */
  readonly sql: (quotedSchema: string) => string;
}
