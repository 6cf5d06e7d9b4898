import { PostgresAdapter, type Kysely, type SelectQueryBuilder } from 'kysely';

/**
 * `query` locking the rows it reads until the transaction ends, so a check and the write it allows (a count
 * under a limit, then the insert) happen as one. PostgreSQL: SELECT … FOR NO KEY UPDATE, which a second such
 * select or an UPDATE of the row waits for, while inserts that merely reference the row (foreign keys) go on.
 * SQLite has no row locks and needs none: its one connection runs one transaction at a time.
 */
export function lockingRows<DB, TB extends keyof DB, O>(
  db: Kysely<DB>,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return db.getExecutor().adapter instanceof PostgresAdapter ? query.forNoKeyUpdate() : query;
}
