import { startTestServer } from './postgresServer';

/**
 * Vitest global setup of the `postgres` project: one server for the whole run, its base URL handed
 * to the test files in IXL_TEST_PG; stopped (and its folder deleted) when the run ends.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const server = await startTestServer();
  process.env.IXL_TEST_PG = server.baseUrl;
  return server.stop;
}
