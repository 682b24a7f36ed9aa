import { describe, expect, it } from 'vitest';
import { whoSetItUp } from '../../../../src/slack/views/checkins/dm.js';

const channel = (createdBy: string, channelId: string) => ({ createdBy, channelId, personalFor: null });
const own = { createdBy: 'U0PRIYA', channelId: 'C0GENERAL', personalFor: 'U0PRIYA' };

describe('the line of a check-in DM that says who set it up', () => {
  it('names the reminder’s creator and channel, or says it is the person’s own check-in', () => {
    expect(whoSetItUp(channel('U0JANE', 'C0KPIS'), [])).toBe('<@U0JANE> set up this reminder in <#C0KPIS>.');
    expect(whoSetItUp(own, [])).toBe('This is your own check-in (/kpi remind me).');
  });

  it('names every reminder a merged DM stands for', () => {
    expect(whoSetItUp(own, [channel('U0JANE', 'C0KPIS')])).toBe(
      'This is your own check-in (/kpi remind me). It also stands for the reminder <@U0JANE> set up in <#C0KPIS>.',
    );
    expect(whoSetItUp(channel('U0JANE', 'C0KPIS'), [channel('U0ADMIN', 'C0SALES'), own])).toBe(
      '<@U0JANE> set up this reminder in <#C0KPIS>. It also stands for the reminder <@U0ADMIN> set up in <#C0SALES> and your own check-in.',
    );
    expect(whoSetItUp(channel('U1', 'C1'), [channel('U2', 'C2'), channel('U3', 'C3'), channel('U4', 'C4')])).toBe(
      '<@U1> set up this reminder in <#C1>. It also stands for the reminder <@U2> set up in <#C2>, the reminder <@U3> set up in <#C3> and the reminder <@U4> set up in <#C4>.',
    );
  });
});
