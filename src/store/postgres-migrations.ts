/**
 * The PostgreSQL store's tables, one step per version; `credit_migrations` records which were
 * applied. Steps are kept forever, so a database from any older release can be brought up to date.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: the hot state one row per part, each month's history one row, the message ids seen one row each.
  `create table credit_state (part text primary key, value jsonb not null);
   create table credit_month (month text primary key check (month ~ '^[0-9]{4}-[0-9]{2}$'), records jsonb not null);
   create table credit_seen (key text primary key, at text not null);
   create index credit_seen_at on credit_seen (at);`,
];
