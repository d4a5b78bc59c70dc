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
  // 2: the hot maps that grow with the department (layout.ts KEYED_PARTS but the ids seen) a row per
  // key, so a change to one card or conversation writes that row, not every card.
  `create table credit_entry (map text not null, key text not null, value jsonb not null, primary key (map, key));
   insert into credit_entry (map, key, value)
     select s.part, e.key, e.value from credit_state s, jsonb_each(s.value) e where s.part in ('conversations', 'pendingPublications')
     union all
     select 'cards.' || m.name, e.key, e.value from credit_state s, unnest(array['sent', 'latest']) m(name), jsonb_each(coalesce(s.value -> m.name, '{}')) e where s.part = 'cards';
   delete from credit_state where part in ('conversations', 'pendingPublications');
   update credit_state set value = value - 'sent' - 'latest' where part = 'cards';`,
];
