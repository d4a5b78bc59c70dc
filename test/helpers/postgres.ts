/** The throwaway PostgreSQL server the tests and `bench:scale` share (src/bench/postgres-server.ts). */
export { postgresBinDir, postgresInstalled, startPostgres, type PostgresServer } from '../../src/bench/postgres-server';
