import { request } from 'undici';
import type { Logger } from '../../../log.js';
import type { MessageView } from '../../views/messages.js';

/**
 * Posts an ephemeral reply to a response_url kept from an earlier command or button (a modal's
 * submission has none of its own). Slack honours one for 30 minutes and five posts; a failure is
 * logged, never thrown, because the modal already told the user the outcome.
 */
export async function replyToResponseUrl(url: string, message: MessageView, logger: Logger): Promise<boolean> {
  try {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks }),
    });
    await res.body.dump();
    if (res.statusCode >= 200 && res.statusCode < 300) return true;
    logger.warn('Slack refused a response_url reply', { status: res.statusCode });
  } catch (error) {
    logger.warn('could not post to a response_url', { error });
  }
  return false;
}
