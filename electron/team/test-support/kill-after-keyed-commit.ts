/**
 * Test hook, loaded only by the crash test's child (team-writer-child with
 * LINKGRAPH_TEST_KILL_AFTER_KEYED_COMMIT=1): the process SIGKILLs itself the moment
 * PostgreSQL has answered the COMMIT of a change sent with a request key, before the service
 * can answer the client — the "COMMIT succeeded, answer lost" case of docs/team-server.md.
 * It wraps pg's `Client.query`, so nothing of it is in the server's own code.
 */
import pg from 'pg';

type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client, ...args) {
  const answer = original.apply(this, args);
  const text = typeof args[0] === 'string' ? args[0] : '';
  if (text.includes('INSERT INTO request_answers') && /COMMIT\s*$/.test(text))
    void (answer as Promise<unknown>).then(() => process.kill(process.pid, 'SIGKILL'));
  return answer;
};
