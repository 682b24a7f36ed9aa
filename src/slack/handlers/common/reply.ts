import type { Respond } from '../../response-urls.js';
import type { MessageView } from '../../views/messages.js';

/** Replies only the user sees, through the response_url Slack gave the command or action. */
export type Reply = (message: MessageView) => Promise<void>;

export function ephemeralReply(respond: Respond): Reply {
  return async (message) => {
    await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
  };
}
