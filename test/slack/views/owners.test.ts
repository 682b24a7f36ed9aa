import { describe, expect, it } from 'vitest';
import type { Kpi } from '../../../src/gtmhub/types.js';
import type { OwnerAnswer } from '../../../src/people/people.js';
import { kpiOwnersText, ownerLabel, ownerMrkdwn, ownersText, OWNERS_TEXT_MAX, type OwnerLookup } from '../../../src/slack/views/owners.js';

/** `g-<name>` answers a Slack person `U<NAME>`, `n-<name>` a Gtmhub name, anything else only the id. */
const lookup: OwnerLookup = (id): OwnerAnswer => {
  if (id.startsWith('g-')) return { kind: 'slack', gtmhubUserId: id, slackUserId: `U${id.slice(2).toUpperCase()}`, matchedBy: 'email', name: `Name ${id}` };
  if (id.startsWith('n-')) return { kind: 'gtmhub_name', gtmhubUserId: id, name: `Name ${id.slice(2)}` };
  return { kind: 'id', gtmhubUserId: id };
};

function owners(fields: Partial<Pick<Kpi, 'ownerIds' | 'ownerId'>>): Pick<Kpi, 'ownerIds' | 'ownerId'> {
  return { ownerIds: [], ...fields };
}

describe('ownerMrkdwn', () => {
  it('shows a Slack person as a mention, not their Gtmhub name or id', () => {
    expect(ownerMrkdwn({ kind: 'slack', gtmhubUserId: '5e8ed44a', slackUserId: 'U0JANE', matchedBy: 'link', name: 'Jane Doe' })).toBe('<@U0JANE>');
  });

  it('escapes a Gtmhub name for mrkdwn, so it cannot inject a mention or a link', () => {
    expect(ownerMrkdwn({ kind: 'gtmhub_name', gtmhubUserId: 'x', name: 'R&D <@U0BOSS> >' })).toBe('R&amp;D &lt;@U0BOSS&gt; &gt;');
  });

  it('clips a long Gtmhub name to 80 characters with an ellipsis', () => {
    const text = ownerMrkdwn({ kind: 'gtmhub_name', gtmhubUserId: 'x', name: 'A'.repeat(200) });
    expect(text).toBe(`${'A'.repeat(79)}…`);
  });

  it('shows the raw Gtmhub id, escaped, when nothing else is known', () => {
    expect(ownerMrkdwn({ kind: 'id', gtmhubUserId: '5e8ed44adcddda0da9eab365' })).toBe('5e8ed44adcddda0da9eab365');
    expect(ownerMrkdwn({ kind: 'id', gtmhubUserId: 'a<b' })).toBe('a&lt;b');
  });
});

describe('ownerLabel', () => {
  it('asks the lookup: a Slack person wins, a Gtmhub name next, the id only as a last resort', () => {
    expect(ownerLabel('g-jane', lookup)).toBe('<@UJANE>');
    expect(ownerLabel('n-kenji', lookup)).toBe('Name kenji');
    expect(ownerLabel('5e8ed44a', lookup)).toBe('5e8ed44a');
  });

  it('shows ids when the view has no lookup', () => {
    expect(ownerLabel('g-jane', undefined)).toBe('g-jane');
  });
});

describe('ownersText', () => {
  it('is undefined without owners', () => {
    expect(ownersText([], lookup)).toBeUndefined();
  });

  it('lists every owner, comma-separated, in the order given', () => {
    expect(ownersText(['n-ada', 'g-jane', '5e8ed44a'], lookup)).toBe('Name ada, <@UJANE>, 5e8ed44a');
  });

  it('lists ids without a lookup', () => {
    expect(ownersText(['g-jane', 'n-ada'], undefined)).toBe('g-jane, n-ada');
  });

  it('cuts after whole labels and counts the rest', () => {
    // Each mention is 9 characters, with ", " between them.
    const ids = ['g-aaaaa', 'g-bbbbb', 'g-ccccc', 'g-ddddd'];
    expect(ownerLabel('g-aaaaa', lookup)).toHaveLength(9);
    // Two mentions and " and 2 more" take 31 characters; a third would not fit with its suffix.
    expect(ownersText(ids, lookup, 31)).toBe('<@UAAAAA>, <@UBBBBB> and 2 more');
    expect(ownersText(ids, lookup, 30)).toBe('<@UAAAAA> and 3 more');
  });

  it('never shows a cut mention or a cut entity, whatever the budget', () => {
    const ids = ['g-u12345678', 'n-R&D <team>', 'g-u87654321', 'n-Ops & more'];
    const labels = ids.map((id) => ownerLabel(id, lookup));
    for (let max = 1; max <= 80; max++) {
      const text = ownersText(ids, lookup, max)!;
      const listed = text.replace(/ and \d+ more$/, '').split(', ');
      // Every shown label is one of the whole labels, in order.
      expect(listed).toEqual(labels.slice(0, listed.length));
      const more = ids.length - listed.length;
      expect(text.endsWith(` and ${more} more`)).toBe(more > 0);
    }
  });

  it('always shows the first owner, even when alone it is longer than the budget', () => {
    expect(ownersText(['g-u12345678', 'g-u2'], lookup, 3)).toBe('<@UU12345678> and 1 more');
  });

  it('keeps the whole text, "and N more" included, within OWNERS_TEXT_MAX characters', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `g-u${String(i).padStart(4, '0')}`);
    const text = ownersText(ids, lookup)!;
    expect(text.length).toBeLessThanOrEqual(OWNERS_TEXT_MAX);
    const [listed, more] = text.split(' and ');
    // `<@UU0000>` is 9 characters: 26 of them, their separators and " and 74 more" take 296; 27 would take 307.
    expect(listed!.split(', ')).toHaveLength(26);
    expect(more).toBe('74 more');
  });
});

describe('kpiOwnersText', () => {
  it('lists the owners of a KPI', () => {
    expect(kpiOwnersText(owners({ ownerIds: ['g-jane', 'n-ada'] }), lookup)).toBe('<@UJANE>, Name ada');
  });

  it('still lists a KPI that only has the legacy ownerId', () => {
    expect(kpiOwnersText(owners({ ownerId: 'g-jane' }), lookup)).toBe('<@UJANE>');
  });

  it('prefers ownerIds over the legacy ownerId when both are set', () => {
    expect(kpiOwnersText(owners({ ownerIds: ['n-ada'], ownerId: 'g-jane' }), lookup)).toBe('Name ada');
  });

  it('is undefined for a KPI without owners', () => {
    expect(kpiOwnersText(owners({}), lookup)).toBeUndefined();
    expect(kpiOwnersText(owners({ ownerId: '' }), lookup)).toBeUndefined();
  });

  it('passes its budget on', () => {
    expect(kpiOwnersText(owners({ ownerIds: ['g-aaaaa', 'g-bbbbb'] }), lookup, 10)).toBe('<@UAAAAA> and 1 more');
  });
});
