import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/kpis/sparkline.js';

describe('sparkline', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8], '▁▂▃▄▅▆▇█'],
    [[8, 1], '█▁'],
    [[0, 50, 100], '▁▅█'],
    [[-10, 0, 10], '▁▅█'],
    [[1, null, 3, undefined], '▁·█·'],
    [[5, 5, 5], '▄▄▄'],
    [[7], '▄'],
    [[null, 4, null], '·▄·'],
    [[null, undefined], '··'],
    [[1, Number.NaN, 2], '▁·█'],
    [[], ''],
  ])('draws %j as %s', (values, line) => {
    expect(sparkline(values)).toBe(line);
  });
});
