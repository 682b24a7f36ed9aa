import { describe, expect, it } from 'vitest';
import {
  errorForStatus,
  GtmhubAbortedError,
  GtmhubBadResponseError,
  GtmhubDeadlineError,
  GtmhubInvalidArgumentError,
  GtmhubNetworkError,
} from '../../src/gtmhub/errors.js';
import { CatalogueLoadingError } from '../../src/kpis/catalogue.js';
import { describeFailure, operatorHint } from '../../src/kpis/failure-sentences.js';

const CALL = { method: 'GET', path: '/v2/kpis' };
const DOING = 'looking up KPIs';

describe('describeFailure', () => {
  it.each([
    [401, "Gtmhub refused kpibot's API token while looking up KPIs: ask whoever runs kpibot to renew GTMHUB_TOKEN (or reconnect your own token with /kpi connect)."],
    [402, 'Gtmhub refused looking up KPIs because the account needs payment or is suspended (402): ask a Gtmhub account admin to check the subscription.'],
    [403, 'Gtmhub does not allow this token to do that (looking up KPIs): ask a Gtmhub admin for access.'],
    [404, 'Gtmhub no longer has what you asked for (looking up KPIs): it may have been deleted; try /kpi <name> to find it again.'],
    [400, 'Gtmhub refused the request while looking up KPIs: “Value out of range”.'],
    [429, 'Gtmhub is rate limiting kpibot right now (looking up KPIs): please try again in a minute.'],
    [503, 'Gtmhub had a server error while looking up KPIs: please try again in a minute.'],
    [409, 'Gtmhub had a server error while looking up KPIs: please try again in a minute.'],
    [302, 'Gtmhub answered with a redirect while looking up KPIs, which usually means kpibot is set up with the wrong Gtmhub address: tell whoever runs kpibot.'],
  ])('says what HTTP %i means to the user', (status, sentence) => {
    const error = errorForStatus({ ...CALL, status, ...(status === 400 ? { gtmhubMessage: 'Value out of range.' } : {}) });
    expect(describeFailure(error, DOING)).toBe(sentence);
  });

  it.each([
    ['a refused connection', new GtmhubNetworkError({ ...CALL, timeout: false, reason: 'ECONNREFUSED' }), 'kpibot could not reach Gtmhub while looking up KPIs: please try again in a minute.'],
    ['a connect timeout', new GtmhubNetworkError({ ...CALL, timeout: true, reason: 'connect timeout' }), 'Gtmhub did not answer in time while looking up KPIs: please try again in a minute.'],
    ['the deadline', new GtmhubDeadlineError({ ...CALL, deadlineMs: 2000 }), 'Gtmhub did not answer in time while looking up KPIs: please try again in a minute.'],
    ['a cancelled call', new GtmhubAbortedError(CALL), 'Gtmhub did not answer in time while looking up KPIs: please try again in a minute.'],
    ['an unreadable answer', new GtmhubBadResponseError({ ...CALL, problem: 'items that is not a list' }), 'Gtmhub gave an answer kpibot could not read while looking up KPIs; kpibot logged the details.'],
    ['a refused argument', new GtmhubInvalidArgumentError({ ...CALL, problem: 'id is empty' }), 'That request cannot be sent to Gtmhub (looking up KPIs).'],
    ['the first catalogue load', new CatalogueLoadingError(), 'kpibot is still loading the KPI list from Gtmhub, which has not answered yet (looking up KPIs): please try again in a minute.'],
    ['anything else', new Error('boom'), 'Something went wrong while looking up KPIs; kpibot logged the details. Please try again.'],
  ])('says what %s means to the user', (_, error, sentence) => {
    expect(describeFailure(error, DOING)).toBe(sentence);
  });

  it('never repeats the error’s own message, which may hold internals', () => {
    expect(describeFailure(new Error('SQLITE_BUSY at /var/data/kpibot.db'), DOING)).not.toContain('SQLITE');
  });
});

describe('operatorHint', () => {
  it('tells the operator a redirect means GTMHUB_API_URL is probably wrong', () => {
    expect(operatorHint(errorForStatus({ ...CALL, status: 301 }))).toContain('GTMHUB_API_URL is probably wrong');
  });

  it('has nothing to add for other failures', () => {
    expect([operatorHint(errorForStatus({ ...CALL, status: 500 })), operatorHint(new Error('boom'))]).toEqual([undefined, undefined]);
  });
});
