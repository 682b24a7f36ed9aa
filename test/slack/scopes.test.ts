import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { startSlackSimulator, type SlackSimulator } from '../../src/sandbox/slack/index.js';
import { featuresOff, installScopes, readGrantedScopes, SCOPED_FEATURES, type ScopedFeature } from '../../src/slack/scopes.js';

const ALL = ['commands', 'chat:write', 'users:read', 'users:read.email', 'links:read', 'links:write'];

describe('featuresOff', () => {
  it('turns nothing off when every needed scope was granted', () => {
    expect(featuresOff(ALL)).toEqual([]);
  });

  it('turns owners-as-people off on an install without users:read.email, naming the missing scope', () => {
    expect(featuresOff(['commands', 'chat:write', 'users:read', 'links:read', 'links:write'])).toEqual([
      { feature: 'owners_as_people', missing: ['users:read.email'], whatStaysOff: expect.any(String) },
    ]);
  });

  it('turns link unfurls off on an install made before they were added', () => {
    expect(featuresOff(['commands', 'chat:write', 'users:read', 'users:read.email'])).toEqual([
      { feature: 'link_unfurls', missing: ['links:read', 'links:write'], whatStaysOff: expect.stringContaining('unfurl') },
    ]);
  });

  it('lists every missing scope of every feature', () => {
    const features: ScopedFeature[] = [
      ...SCOPED_FEATURES,
      { feature: 'owners_as_people', needs: ['files:write', 'im:write'], whatStaysOff: 'charts' },
    ];
    expect(featuresOff(['commands'], features).map((f) => f.missing)).toEqual([['users:read', 'users:read.email'], ['links:read', 'links:write'], ['files:write', 'im:write']]);
  });

  it('turns nothing off when Slack did not report scopes', () => {
    expect(featuresOff(undefined)).toEqual([]);
  });
});

describe('installScopes', () => {
  it('logs one line per feature that is off, saying to reinstall from the manifest', () => {
    const logger = createMemoryLogger();
    const scopes = installScopes(['users:read', 'links:read', 'links:write'], logger);
    expect(scopes.isOn('owners_as_people')).toBe(false);
    const lines = logger.lines.map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', feature: 'owners_as_people', missingScopes: ['users:read.email'] });
    expect(lines[0].msg).toMatch(/users:read\.email.*Reinstall the app from manifest\.yml/);
  });

  it('logs nothing and keeps every feature on for a complete install', () => {
    const logger = createMemoryLogger();
    expect(installScopes(ALL, logger).isOn('owners_as_people')).toBe(true);
    expect(logger.lines).toEqual([]);
  });
});

describe('readGrantedScopes against the Slack simulator', () => {
  let sim: SlackSimulator;
  afterEach(() => sim.close());

  it('reads the x-oauth-scopes header through WebClient’s response_metadata.scopes', async () => {
    sim = await startSlackSimulator({ scopes: ['commands', 'chat:write', 'users:read'] });
    const client = new WebClient(sim.botToken, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 } });
    const granted = await readGrantedScopes(client);
    expect(granted).toEqual(['commands', 'chat:write', 'users:read']);
    expect(installScopes(granted, createMemoryLogger()).isOn('owners_as_people')).toBe(false);
  });

  it('sees every manifest scope on a fresh install, so owners-as-people is on', async () => {
    sim = await startSlackSimulator();
    const client = new WebClient(sim.botToken, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 } });
    expect(installScopes(await readGrantedScopes(client), createMemoryLogger()).isOn('owners_as_people')).toBe(true);
  });
});
