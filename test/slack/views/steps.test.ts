import { describe, expect, it } from 'vitest';
import { changeText, notUpdatedText, stepSentences } from '../../../src/slack/views/steps.js';

const dollars = { formatting: { fractionSize: 0, prefix: '$', suffix: '' } };

describe('changeText', () => {
  it('says the change with the KPI’s units, the percentage and the week it is measured against', () => {
    expect(changeText(dollars, 135_000, 120_000, '2026-W47', 'en-US')).toBe('+$15,000 (+12.5%) vs 2026-W47');
    expect(changeText(dollars, 90, 100, '2026-W47', 'en-US')).toBe('−$10 (−10%) vs 2026-W47');
  });

  it('leaves out the percentage after a zero, and says when the week before has no value', () => {
    expect(changeText(dollars, 5, 0, '2026-W47', 'en-US')).toBe('+$5 vs 2026-W47');
    expect(changeText(dollars, 5, undefined, '2026-W47', 'en-US')).toBe('no value for 2026-W47');
  });
});

describe('notUpdatedText', () => {
  it('lists the KPIs without a value, one per line, under a line that counts them', () => {
    expect(notUpdatedText({ kind: 'group', name: 'Sales' }, '2026-W48', [{ name: 'Win rate' }, { name: 'Pipeline value' }], 4)).toBe(
      '2 of 4 KPIs in *Sales* have no value for 2026-W48 yet:\n• Win rate\n• Pipeline value',
    );
    expect(notUpdatedText({ kind: 'owner', slackUserId: 'U0JANE' }, '2026-W48', [{ name: 'Win rate' }], 3)).toBe('1 of 3 KPIs owned by <@U0JANE> has no value for 2026-W48 yet:\n• Win rate');
  });

  it('says when every KPI has a value, and when there are none at all', () => {
    expect(notUpdatedText({ kind: 'group', name: 'Sales' }, '2026-W48', [], 4)).toBe('Every KPI in *Sales* has a value for 2026-W48. :white_check_mark:');
    expect(notUpdatedText({ kind: 'owner', slackUserId: 'U0JANE' }, '2026-W48', [], 0)).toBe('There are no KPIs owned by <@U0JANE>.');
  });
});

describe('step sentences', () => {
  it('name what to fix in one sentence', () => {
    expect(stepSentences.unknownKpi('Cofee', [{ name: 'Coffee' }])).toBe("No KPI is called “Cofee”: give the KPI's exact name or its Gtmhub id in the step's KPI input (closest: “Coffee”).");
    expect(stepSentences.badZone('Mars/Base')).toBe('“Mars/Base” is not a time zone: give an IANA zone such as Europe/Berlin in the step\'s time zone input, or leave it empty for UTC.');
    expect(stepSentences.tooSlow(1)).toBe('Gtmhub or Slack did not answer within 1 second: run the step again in a few minutes.');
  });
});
