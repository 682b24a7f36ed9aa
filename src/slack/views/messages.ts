import type { KnownBlock } from '@slack/types';

/** A message body: `text` is the notification/accessibility fallback Slack shows where blocks cannot be. */
export interface MessageView {
  text: string;
  blocks: KnownBlock[];
}
