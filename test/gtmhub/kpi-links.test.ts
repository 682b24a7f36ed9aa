import { describe, expect, it } from 'vitest';
import { kpiIdOfLink } from '../../src/gtmhub/assumptions.js';

const ID = '5e8ed44adcddda0da9eab365';

describe('kpiIdOfLink (the assumed shape of a KPI link in the web app)', () => {
  it('reads the KPI id from a link on any of the four web hosts, as a path or a # route', () => {
    expect(kpiIdOfLink(`https://app.gtmhub.com/#/kpis/${ID}`)).toBe(ID);
    expect(kpiIdOfLink(`https://app.us.gtmhub.com/kpis/${ID}/details?tab=history`)).toBe(ID);
    expect(kpiIdOfLink(`https://app.quantive.com/results/kpis/${ID.toUpperCase()}`)).toBe(ID);
    expect(kpiIdOfLink(`https://APP.US.QUANTIVE.COM/results/#/kpis/${ID}#chart`)).toBe(ID);
  });

  it('reads nothing from other hosts, other routes, ids of another shape, or what is not a URL', () => {
    expect(kpiIdOfLink(`https://evil.example.com/#/kpis/${ID}`)).toBeUndefined();
    expect(kpiIdOfLink(`https://app.gtmhub.com.evil.example.com/#/kpis/${ID}`)).toBeUndefined();
    expect(kpiIdOfLink(`https://app.gtmhub.com/#/okrs/${ID}`)).toBeUndefined();
    expect(kpiIdOfLink(`https://app.gtmhub.com/#/kpis/${ID}0`)).toBeUndefined();
    expect(kpiIdOfLink(`https://app.gtmhub.com/#/mykpis/${ID}`)).toBeUndefined();
    expect(kpiIdOfLink('not a url')).toBeUndefined();
  });
});
