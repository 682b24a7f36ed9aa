/**
 * The Check in modal: one value field per KPI still missing (this week's value so far and the week
 * before's as hints), submitted at once; more KPIs than fit continue in a next step. After a
 * partial failure the same form comes back with what was recorded, each refused value kept in its
 * field with the sentence saying why. Pure.
 */
import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import type { CheckinItem } from '../../../checkins/progress.js';
import { formatKpiValue } from '../../../kpis/format.js';
import { formatWeekRange } from '../../../time/periods.js';
import { CheckinIds, checkinValueBlockId } from '../../ids.js';
import type { CheckinModalMetadata } from '../../payloads/metadata.js';
import { clip, context, escapeMrkdwn, LIMITS, plain, section } from '../blocks.js';

/**
 * Fields per step. A modal holds 100 blocks; a field with its error line takes two, plus the intro,
 * the recorded lines and the "more" line: 40 stays well inside.
 */
export const MAX_CHECKIN_FIELDS = 40;

const TITLE = 'Check in';

export interface CheckinField {
  item: CheckinItem;
  /** What the person typed (kept after a failure). */
  typed?: string;
  /** Why it was not recorded, one sentence. */
  error?: string;
}

export interface CheckinFormModel {
  period: string;
  fields: readonly CheckinField[];
  /** Lines for what this form already recorded (`✅ Revenue — $1,200`), shown after a partial failure. */
  recorded: readonly string[];
  /** KPIs still missing that come in a next step. */
  more: number;
  metadata: CheckinModalMetadata;
  locale: string;
}

export function checkinModal(model: CheckinFormModel): ModalView {
  const week = formatWeekRange(model.period);
  const blocks: KnownBlock[] = [section(`Your values for the week of ${week}. Leave a field empty to log it later.`)];
  if (model.recorded.length > 0) blocks.push(section(clip(`Recorded: ${model.recorded.join('\n')}`, LIMITS.sectionText)));
  for (const field of model.fields) {
    blocks.push(valueInput(field, model.locale));
    if (field.error !== undefined) blocks.push(context(`:warning: ${escapeMrkdwn(field.error)}`));
  }
  if (model.more > 0) blocks.push(context(`${model.more} more KPI${model.more === 1 ? '' : 's'} come${model.more === 1 ? 's' : ''} in the next step.`));
  return {
    type: 'modal',
    callback_id: CheckinIds.modal,
    title: plain(TITLE, LIMITS.viewTitle),
    submit: plain(model.more > 0 ? 'Record and go on' : 'Record', LIMITS.viewTitle),
    close: plain('Cancel', LIMITS.viewTitle),
    private_metadata: JSON.stringify(model.metadata),
    blocks: blocks.slice(0, LIMITS.viewBlocks),
  };
}

function valueInput(field: CheckinField, locale: string): InputBlock {
  const { kpi, current, previous } = field.item;
  const hints = [
    current === undefined ? undefined : `this week so far: ${formatKpiValue(current, kpi.formatting, locale)}`,
    previous === undefined ? 'no value the week before' : `the week before: ${formatKpiValue(previous, kpi.formatting, locale)}`,
  ].filter((h): h is string => h !== undefined);
  return {
    type: 'input',
    block_id: checkinValueBlockId(kpi.id),
    optional: true,
    label: plain(kpi.name, LIMITS.optionText),
    hint: plain(hints.join(' · '), LIMITS.optionText * 2),
    element: {
      type: 'plain_text_input',
      action_id: CheckinIds.valueInput,
      placeholder: plain('e.g. 1.2k, 15%, $3,400', LIMITS.optionText),
      ...(field.typed !== undefined && field.typed !== '' ? { initial_value: field.typed } : {}),
    },
  };
}

/** A read-only modal: loading, recording, or the outcome (lines already formatted as mrkdwn). */
export function checkinNoticeModal(mrkdwnText: string): ModalView {
  return {
    type: 'modal',
    callback_id: CheckinIds.resultModal,
    title: plain(TITLE, LIMITS.viewTitle),
    close: plain('Done', LIMITS.viewTitle),
    blocks: [section(clip(mrkdwnText, LIMITS.sectionText))],
  };
}
