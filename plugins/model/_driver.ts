/** How a driver returns rows: objects keyed by column name, or arrays in select order. */
export type RowMode = "object" | "array";

/** The result of one statement. */
export interface QueryResult {
  /** The rows, as objects or arrays depending on the requested mode. */
  readonly rows: unknown[];
  /** Rows returned or affected. */
  readonly rowCount: number;
}

/** Something that runs one statement with bind parameters. */
export interface Connection {
  /** Runs `text` with `params`; rows come back in `mode`. */
  query(text: string, params: readonly unknown[], mode: RowMode): Promise<QueryResult>;
}

/** A connection held exclusively, for a transaction, until released. */
export interface ReservedConnection extends Connection {
  /** Gives the connection back to the pool. */
  release(): void;
}

/** One database behind the ORM: PGlite in-process or a PostgreSQL server. */
export interface Driver extends Connection {
  /** `"pglite"` or `"postgres"`. */
  readonly kind: "pglite" | "postgres";
  /** Holds one connection for a transaction. */
  reserve(): Promise<ReservedConnection>;
  /** Closes every connection. */
  close(): Promise<void>;
}
