import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GtmhubClient } from '../../src/gtmhub/client.js';
import { noRetries } from '../../src/gtmhub/retry.js';
import { createMemoryLogger } from '../../src/log.js';
import { GTMHUB_USERS_FORBIDDEN_LOG, GtmhubUserDirectory } from '../../src/people/gtmhub-users.js';
import { startGtmhubSimulator, type GtmhubSimulator } from '../../src/sandbox/gtmhub/index.js';

describe('GtmhubUserDirectory against the Gtmhub simulator', () => {
  let sim: GtmhubSimulator;
  let client: GtmhubClient;
  beforeAll(async () => {
    sim = await startGtmhubSimulator({ demo: { kpiCount: 3, weeks: 1 } });
    client = new GtmhubClient({ baseUrl: sim.url, token: sim.token, accountId: sim.accountId, retryPolicy: noRetries });
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  function directory(now: () => number = () => 0) {
    const logger = createMemoryLogger();
    return { logger, directory: new GtmhubUserDirectory({ source: { listAllUsers: () => client.listAllUsers() }, logger, now, maxAgeMs: 1000 }) };
  }

  it('reads every user with id, name and email, and logs only how many', async () => {
    const { logger, directory: users } = directory();
    const { value } = await users.refresh();
    expect(value.status).toBe('loaded');
    expect(value.users.length).toBe(sim.state.users.size);
    const jane = value.users.find((u) => u.name === 'Jane Doe');
    expect(jane?.email).toBe('jane.doe@example.com');
    expect(logger.lines.join('\n')).not.toContain('@');
  });

  it('on a 403, is empty, says forbidden, and logs why once however often it is read again', async () => {
    sim.state.usersListForbidden = true;
    try {
      let t = 0;
      const { logger, directory: users } = directory(() => t);
      const first = await users.refresh();
      t += 5_000;
      const second = await users.refresh();
      expect(first.value.status).toBe('forbidden');
      expect(second.value).toMatchObject({ status: 'forbidden', users: [] });
      const said = logger.lines.filter((line) => line.includes('403'));
      expect(said).toHaveLength(1);
      expect(JSON.parse(said[0]!).msg).toBe(GTMHUB_USERS_FORBIDDEN_LOG);
    } finally {
      sim.state.usersListForbidden = false;
    }
  });

  it('says so when Gtmhub lists its users again after a 403', async () => {
    sim.state.usersListForbidden = true;
    const { logger, directory: users } = directory();
    await users.refresh();
    sim.state.usersListForbidden = false;
    const { value } = await users.refresh();
    expect(value.status).toBe('loaded');
    expect(logger.lines.some((line) => line.includes('lists its users again'))).toBe(true);
  });
});
