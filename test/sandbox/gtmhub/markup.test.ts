import { describe, expect, it } from 'vitest';
import { mention, toPlainText } from '../../../src/sandbox/gtmhub/markup.js';

describe('toPlainText', () => {
  it('keeps only the name of a mention', () => {
    expect(toPlainText(`Ask ${mention('Amélie Laurent', '5e8ed44adcddda0da9eab365')} first`)).toBe('Ask Amélie Laurent first');
  });

  it('keeps the text of links and drops emphasis, code and headings', () => {
    expect(toPlainText('# Revenue\n**Net** of *refunds*, see [the sheet](https://x.test) and `mrr_v2`')).toBe(
      'Revenue\nNet of refunds, see the sheet and mrr_v2',
    );
  });

  it('leaves underscores inside words alone', () => {
    expect(toPlainText('from table kpi_weekly_values')).toBe('from table kpi_weekly_values');
  });

  it('drops list bullets and nested emphasis', () => {
    expect(toPlainText('- ***very*** important\n- _also_ this')).toBe('very important\nalso this');
  });
});
