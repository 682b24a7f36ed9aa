import type { Block, KnownBlock } from '@slack/types';
import type { MirrorOutcome } from '../../favorites/mirror.js';
import type { GroupRef } from '../../favorites/resolve-group.js';
import { ActionIds, type FavoriteControlValue } from '../ids.js';
import { parseFavoriteControlValue } from '../payloads/button-values.js';
import { isRecord } from '../../parsing/parsed.js';
import { button, clip, context, escapeMrkdwn, fitBlocks, LIMITS, section } from './blocks.js';
import type { MessageView } from './messages.js';

export interface FavoriteGroupSummary extends GroupRef {
  kpiCount: number;
}

function groupName(name: string): string {
  return `*${escapeMrkdwn(clip(name, 150))}*`;
}

/** `/kpi fav`: the user's favorite groups, each with a ★ Unfavorite button (which unfavorites, however often it is clicked). */
export function favoritesListMessage(groups: readonly FavoriteGroupSummary[]): MessageView {
  if (groups.length === 0) {
    const text = 'You have no favorite groups yet. Star one with `/kpi fav &lt;group&gt;`, or with *☆ Favorite group* on any KPI card (`/kpi &lt;words&gt;`).';
    return { text: text.replace(/[*`]/g, ''), blocks: [section(text)] };
  }
  const rows: KnownBlock[] = groups.map((g) =>
    section(`${groupName(g.name)} · ${g.kpiCount === 1 ? '1 KPI' : `${g.kpiCount} KPIs`}`, {
      accessory: button('★ Unfavorite', ActionIds.toggleFavorite, favoriteControlValue(g.id, false)),
    }),
  );
  const blocks = [
    section(groups.length === 1 ? 'Your favorite group:' : `Your ${groups.length} favorite groups:`),
    ...rows,
    context('Their KPIs are on kpibot’s *Home* tab. Star more with `/kpi fav &lt;group&gt;`.'),
  ];
  return {
    text: `Your favorite groups: ${groups.map((g) => g.name).join(', ')}`.slice(0, LIMITS.messageText),
    blocks: fitBlocks(blocks, LIMITS.messageBlocks, (hidden) => `…and ${hidden} more.`),
  };
}

/** The one sentence that confirms a toggle and says where the favorite lives. */
export function favoriteToggledText(name: string, favorite: boolean, mirror: MirrorOutcome): string {
  const what = favorite ? `★ ${groupName(name)} is now one of your favorite groups` : `☆ ${groupName(name)} is no longer one of your favorite groups`;
  switch (mirror.kind) {
    case 'mirrored':
      return `${what}, in Slack and in Gtmhub.`;
    case 'slack-only':
      return `${what}. It is kept in Slack only: connect your own Gtmhub token with \`/kpi connect\` to star it in Gtmhub too.`;
    case 'will-retry':
      return `${what}: saved in Slack; Gtmhub will be updated when it answers (${escapeMrkdwn(lowerFirst(mirror.reason))})`;
    case 'gave-up':
      return `${what}: saved in Slack, but Gtmhub was not updated: ${escapeMrkdwn(lowerFirst(mirror.reason))}`;
  }
}

export function favoriteToggledMessage(name: string, favorite: boolean, mirror: MirrorOutcome): MessageView {
  const text = favoriteToggledText(name, favorite, mirror);
  return { text: text.replace(/[*`]/g, ''), blocks: [section(text)] };
}

/** `/kpi fav <words>` named several groups. */
export function ambiguousGroupMessage(ref: string, candidates: readonly GroupRef[]): MessageView {
  const names = candidates.slice(0, 10).map((g) => groupName(g.name));
  const more = candidates.length > names.length ? ` and ${candidates.length - names.length} more` : '';
  const text = `“${escapeMrkdwn(clip(ref, 100))}” matches ${candidates.length} groups: ${names.join(', ')}${more}. Write more of the name, e.g. \`/kpi fav ${escapeMrkdwn(clip(candidates[0]?.name ?? ref, 100))}\`.`;
  return { text: text.replace(/[*`]/g, ''), blocks: [section(text)] };
}

/** `/kpi fav <words>` named no group. */
export function unknownGroupMessage(ref: string, closest: readonly GroupRef[]): MessageView {
  const q = escapeMrkdwn(clip(ref, 100));
  const text =
    closest.length > 0
      ? `No KPI group is called “${q}”. Did you mean ${closest.map((g) => groupName(g.name)).join(', ')}?`
      : `No KPI group is called “${q}”. Find your KPIs with \`/kpi &lt;words&gt;\`: their groups are listed on each card.`;
  return { text: text.replace(/[*`]/g, ''), blocks: [section(text)] };
}

/** The value of a favorite button or option: the group and the state a click on it asks for. */
export function favoriteControlValue(groupId: string, favorite: boolean): string {
  const value: FavoriteControlValue = { g: groupId, on: favorite };
  return JSON.stringify(value);
}

const LABEL = /^(★ Unfavorite|☆ Favorite)/;

/**
 * The same blocks with every favorite control of `groupId` showing `favorite`, and asking for the
 * opposite next: the message the user clicked in is updated in place, whatever view built it
 * (card, details, favorites list). `blocks` are the message as Slack sent it back, so they are
 * read with guards: anything that is not a block is left out, anything unknown is kept as it was.
 */
export function withFavoriteState(blocks: readonly unknown[], groupId: string, favorite: boolean): Block[] {
  const label = favorite ? '★ Unfavorite' : '☆ Favorite';
  const next = favoriteControlValue(groupId, !favorite);
  const relabel = (text: unknown): void => {
    if (isRecord(text) && typeof text.text === 'string') text.text = text.text.replace(LABEL, label);
  };
  const isOfGroup = (value: unknown): boolean => {
    const request = parseFavoriteControlValue(value);
    return request.ok && request.value.groupId === groupId;
  };
  const patch = (element: unknown): void => {
    if (!isRecord(element) || typeof element.action_id !== 'string' || !element.action_id.startsWith(ActionIds.toggleFavorite)) return;
    if (element.type === 'button' && isOfGroup(element.value)) {
      relabel(element.text);
      element.value = next;
    }
    if (element.type === 'overflow' && Array.isArray(element.options)) {
      for (const option of element.options) {
        if (!isRecord(option) || !isOfGroup(option.value)) continue;
        relabel(option.text);
        option.value = next;
      }
    }
  };
  const copy: unknown[] = structuredClone([...blocks]);
  const out: Block[] = [];
  for (const block of copy) {
    if (!isBlock(block)) continue;
    patch(block.accessory);
    if (Array.isArray(block.elements)) for (const element of block.elements) patch(element);
    out.push(block);
  }
  return out;
}

function isBlock(value: unknown): value is Block & Record<string, unknown> {
  return isRecord(value) && typeof value.type === 'string';
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
