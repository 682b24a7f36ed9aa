import { describe, expect, it } from 'vitest';
import { BUTTON_FORMAT_VERSION, logButtonValue } from '../../../src/slack/ids.js';
import { parseFavoriteControlValue, parseIdValue, parseLogButtonValue } from '../../../src/slack/payloads/button-values.js';
import { favoriteControlValue } from '../../../src/slack/views/favorites.js';

describe('a Log value button’s value', () => {
  it('reads back what kpibot wrote', () => {
    expect(parseLogButtonValue(logButtonValue('k1', '2026-W47', 12.5))).toEqual({ ok: true, value: { kpiId: 'k1', period: '2026-W47', value: 12.5 } });
    expect(parseLogButtonValue(logButtonValue('k1'))).toEqual({ ok: true, value: { kpiId: 'k1' } });
  });

  it('carries the format version, reads values without one as today’s, and refuses a newer or unreadable version', () => {
    expect(JSON.parse(logButtonValue('k1'))).toMatchObject({ v: BUTTON_FORMAT_VERSION });
    expect(parseLogButtonValue('{"kpiId":"k1","period":"2026-W47"}')).toEqual({ ok: true, value: { kpiId: 'k1', period: '2026-W47' } });
    expect(parseLogButtonValue(`{"v":${BUTTON_FORMAT_VERSION + 1},"kpiId":"k1"}`)).toMatchObject({ ok: false, error: expect.stringContaining('newer kpibot') });
    expect(parseLogButtonValue('{"v":"1","kpiId":"k1"}')).toMatchObject({ ok: false });
  });

  it('reads a bare KPI id, from buttons posted before the value was JSON', () => {
    expect(parseLogButtonValue('5e8c27e3dcddda0da9eab365')).toEqual({ ok: true, value: { kpiId: '5e8c27e3dcddda0da9eab365' } });
  });

  it('drops a period that is no period and a value that is no finite number, keeping the KPI', () => {
    expect(parseLogButtonValue('{"kpiId":"k1","period":"someday","value":"12"}')).toEqual({ ok: true, value: { kpiId: 'k1' } });
    expect(parseLogButtonValue('{"kpiId":"k1","value":1e999}')).toEqual({ ok: true, value: { kpiId: 'k1' } });
  });

  it.each([undefined, null, '', '   ', 42, '{"period":"2026-W47"}', '{"kpiId":""}', '{"kpiId":'])('is an error for %j', (value) => {
    expect(parseLogButtonValue(value)).toMatchObject({ ok: false });
  });

  it('is an error for a value longer than Slack lets a button carry', () => {
    expect(parseLogButtonValue(JSON.stringify({ kpiId: 'k'.repeat(2001) }))).toMatchObject({ ok: false });
    expect(parseLogButtonValue('k'.repeat(2001))).toMatchObject({ ok: false });
  });
});

describe('a favorite control’s value', () => {
  it('reads the group and the state it asks for', () => {
    expect(parseFavoriteControlValue(favoriteControlValue('g1', false))).toEqual({ ok: true, value: { groupId: 'g1', favorite: false } });
  });

  it('reads anything else that is text as a bare group id to flip, as older messages meant', () => {
    expect(parseFavoriteControlValue('{"g":"g1"}')).toEqual({ ok: true, value: { groupId: '{"g":"g1"}' } });
    expect(parseFavoriteControlValue('{broken')).toEqual({ ok: true, value: { groupId: '{broken' } });
  });

  it.each([undefined, null, '', 7, { g: 'g1', on: true }])('is an error for %j', (value) => {
    expect(parseFavoriteControlValue(value)).toMatchObject({ ok: false });
  });

  it('is an error for an oversized value', () => {
    expect(parseFavoriteControlValue('g'.repeat(2001))).toMatchObject({ ok: false });
  });
});

describe('a button whose value is one id', () => {
  it('reads the id', () => {
    expect(parseIdValue('k1', 'Details')).toEqual({ ok: true, value: 'k1' });
  });

  it.each([
    ['no value', undefined],
    ['an empty value', ''],
    ['blanks', '  '],
    ['a number', 12],
    ['a value longer than Slack allows', 'k'.repeat(2001)],
  ])('is an error for %s, naming the button', (_what, value) => {
    expect(parseIdValue(value, 'Details')).toMatchObject({ ok: false, error: expect.stringContaining('Details') });
  });
});
