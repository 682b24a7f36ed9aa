import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, LIMITS, sectionsOf } from '../../../src/slack/views/blocks.js';
import { helpMessage, SUBCOMMANDS } from '../../../src/slack/views/help.js';

describe('the help message', () => {
  it('lists every subcommand, each within Slack’s section limit', () => {
    const message = helpMessage();
    const text = JSON.stringify(message.blocks);
    // Escaped as Slack requires: `<words>` would otherwise be read as a link.
    for (const sub of SUBCOMMANDS) expect(text).toContain(escapeMrkdwn(sub.usage).replace(/"/g, '\\"'));
    expect(text).not.toMatch(/<(words|group|kpi)>/);
    for (const block of message.blocks) {
      if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    }
  });
});

describe('sectionsOf', () => {
  it('packs lines into as few sections as fit, never splitting a line', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `${i}`.repeat(1000));
    const sections = sectionsOf(lines, 3000);
    expect(sections.map((s) => s.text!.text.split('\n').length)).toEqual([2, 2, 2, 2, 2]);
    expect(sections.flatMap((s) => s.text!.text.split('\n'))).toEqual(lines);
  });
});
