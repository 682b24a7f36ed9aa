import { describe, expect, it } from 'vitest';
import { parseDigestModalMetadata, parseKpiFormMetadata, parseLogModalMetadata } from '../../../src/slack/payloads/metadata.js';

describe('the log modal’s private_metadata', () => {
  it('reads the channel the form was opened in', () => {
    expect(parseLogModalMetadata('{"channelId":"C1"}')).toEqual({ ok: true, value: { channelId: 'C1' } });
  });

  it('is empty for a view opened without metadata', () => {
    expect(parseLogModalMetadata('')).toEqual({ ok: true, value: {} });
  });

  it('ignores a channel that is not text', () => {
    expect(parseLogModalMetadata('{"channelId":42}')).toEqual({ ok: true, value: {} });
  });

  it.each([['not JSON', '{channel'], ['JSON but not an object', '[1,2]'], ['null', 'null'], ['not text', 42]])('is an error when it is %s', (_what, text) => {
    expect(parseLogModalMetadata(text)).toMatchObject({ ok: false });
  });

  it('is an error when it is longer than Slack’s 3,000 characters', () => {
    expect(parseLogModalMetadata(JSON.stringify({ channelId: 'C'.repeat(3000) }))).toMatchObject({ ok: false, error: expect.stringContaining('longer than Slack allows') });
  });
});

describe('the KPI form’s private_metadata', () => {
  it('reads an edit form’s KPI, origin and fingerprints', () => {
    const text = JSON.stringify({ mode: 'edit', kpiId: 'k1', channelId: 'C1', responseUrl: 'https://hooks.slack.com/x', shown: { name: 'ab12', groups: 'cd34' } });
    expect(parseKpiFormMetadata(text)).toEqual({
      ok: true,
      value: { mode: 'edit', kpiId: 'k1', channelId: 'C1', responseUrl: 'https://hooks.slack.com/x', shown: { name: 'ab12', groups: 'cd34' } },
    });
  });

  it('keeps only the fields kpibot fingerprints', () => {
    expect(parseKpiFormMetadata('{"mode":"edit","kpiId":"k1","shown":{"name":"ab","extra":"x"}}')).toEqual({ ok: true, value: { mode: 'edit', kpiId: 'k1', shown: { name: 'ab' } } });
  });

  it('has no default: without a mode, a form could create what the user meant to edit', () => {
    expect(parseKpiFormMetadata('')).toMatchObject({ ok: false });
    expect(parseKpiFormMetadata('{"kpiId":"k1"}')).toMatchObject({ ok: false, error: 'the KPI form’s metadata has no mode' });
    expect(parseKpiFormMetadata('{"mode":"delete"}')).toMatchObject({ ok: false });
  });

  it('is an error when the fingerprints are not text', () => {
    expect(parseKpiFormMetadata('{"mode":"edit","kpiId":"k1","shown":{"name":1}}')).toMatchObject({ ok: false });
    expect(parseKpiFormMetadata('{"mode":"edit","kpiId":"k1","shown":"abc"}')).toMatchObject({ ok: false });
  });
});

describe('the digest modal’s private_metadata', () => {
  it('reads the subscription being edited, and none for a new one', () => {
    expect(parseDigestModalMetadata('{"subscriptionId":"s1"}')).toEqual({ ok: true, value: { subscriptionId: 's1' } });
    expect(parseDigestModalMetadata('{}')).toEqual({ ok: true, value: {} });
    expect(parseDigestModalMetadata('')).toEqual({ ok: true, value: {} });
  });

  it('is an error when the subscription id is not text, rather than saving a second subscription', () => {
    expect(parseDigestModalMetadata('{"subscriptionId":7}')).toMatchObject({ ok: false });
    expect(parseDigestModalMetadata('{"subscriptionId":')).toMatchObject({ ok: false });
  });
});
