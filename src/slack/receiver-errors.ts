/**
 * What the receivers answer when Bolt itself fails on a request before any listener could answer
 * it — a payload whose shape Bolt does not expect (an event with `user: null`, an `event` that is
 * not an object) makes Bolt's own routing throw, and its default answer is a 500, which Slack
 * retries and the person sees as an error. kpibot answers 200 without acting and logs why; a
 * refused authorization keeps Bolt's 401.
 */
import { AuthorizationError, type ReceiverProcessEventErrorHandlerArgs, type SocketModeReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import type { Logger } from '../log.js';

/** The one log line for such a request (the fuzz suite counts them). */
export const BOLT_COULD_NOT_PROCESS = 'Bolt could not process a request Slack sent; answered it without acting';

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function httpProcessEventErrorHandler(logger: Logger): (args: ReceiverProcessEventErrorHandlerArgs) => Promise<boolean> {
  return ({ error, response }) => {
    if (response.headersSent) {
      logger.warn('a request failed after it was answered', { reason: reasonOf(error) });
      return Promise.resolve(false);
    }
    if (error instanceof AuthorizationError) {
      response.writeHead(401);
      response.end();
      return Promise.resolve(true);
    }
    logger.warn(BOLT_COULD_NOT_PROCESS, { reason: reasonOf(error) });
    response.writeHead(200);
    response.end();
    return Promise.resolve(true);
  };
}

export function socketModeProcessEventErrorHandler(logger: Logger): (args: SocketModeReceiverProcessEventErrorHandlerArgs) => Promise<boolean> {
  return ({ error }) => {
    if (!(error instanceof AuthorizationError)) logger.warn(BOLT_COULD_NOT_PROCESS, { reason: reasonOf(error) });
    // Acknowledged either way: Slack would only send it again.
    return Promise.resolve(true);
  };
}
