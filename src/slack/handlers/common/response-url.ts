import type { Logger } from '../../../log.js';
import { ResponseUrlError, type ResponseUrls } from '../../response-urls.js';
import type { MessageView } from '../../views/messages.js';

/**
 * Posts an ephemeral reply to a response_url kept from an earlier command or button (a modal's
 * submission has none of its own). Slack honours one for 30 minutes and five posts; a failure is
 * logged, never thrown, because the modal already told the user the outcome.
 */
export async function replyToResponseUrl(responseUrls: ResponseUrls, url: string, message: MessageView, logger: Logger): Promise<boolean> {
  try {
    await responseUrls.post(url, { response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    return true;
  } catch (error) {
    if (error instanceof ResponseUrlError) logger.warn('Slack refused a response_url reply', { status: error.status });
    else logger.warn('could not post to a response_url', { error });
  }
  return false;
}
