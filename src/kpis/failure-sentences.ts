import { GtmhubError, GtmhubNetworkError } from '../gtmhub/errors.js';
import { CatalogueLoadingError } from './catalogue.js';

/**
 * Turns a failure into the one sentence a Slack user reads: what happened, and what to do.
 * Never a stack trace, never a token, never Gtmhub's raw status line alone.
 *
 * `doing` completes "Gtmhub … while <doing>" style phrases, e.g. `looking up KPIs`.
 */
export function describeFailure(error: unknown, doing: string): string {
  if (error instanceof CatalogueLoadingError) {
    return `kpibot is still loading the KPI list from Gtmhub, which has not answered yet (${doing}): please try again in a minute.`;
  }
  if (!(error instanceof GtmhubError)) return `Something went wrong while ${doing}; kpibot logged the details. Please try again.`;
  switch (error.code) {
    case 'gtmhub_unauthorized':
      return `Gtmhub refused kpibot's API token while ${doing}: ask whoever runs kpibot to renew GTMHUB_TOKEN (or reconnect your own token with /kpi connect).`;
    case 'gtmhub_payment_required':
      return `Gtmhub refused ${doing} because the account needs payment or is suspended (402): ask a Gtmhub account admin to check the subscription.`;
    case 'gtmhub_forbidden':
      return `Gtmhub does not allow this token to do that (${doing}): ask a Gtmhub admin for access.`;
    case 'gtmhub_not_found':
      return `Gtmhub no longer has what you asked for (${doing}): it may have been deleted; try /kpi <name> to find it again.`;
    case 'gtmhub_invalid_request':
      return `Gtmhub refused the request while ${doing}${gtmhubReason(error)}.`;
    case 'gtmhub_rate_limited':
      return `Gtmhub is rate limiting kpibot right now (${doing}): please try again in a minute.`;
    case 'gtmhub_http_error':
      if (isRedirect(error)) return `Gtmhub answered with a redirect while ${doing}, which usually means kpibot is set up with the wrong Gtmhub address: tell whoever runs kpibot.`;
      return `Gtmhub had a server error while ${doing}: please try again in a minute.`;
    case 'gtmhub_server_error':
      return `Gtmhub had a server error while ${doing}: please try again in a minute.`;
    case 'gtmhub_network_error':
      // A refused or reset connection is not slowness: say that Gtmhub could not be reached.
      if (!(error instanceof GtmhubNetworkError && error.timeout)) return `kpibot could not reach Gtmhub while ${doing}: please try again in a minute.`;
      return `Gtmhub did not answer in time while ${doing}: please try again in a minute.`;
    case 'gtmhub_deadline_exceeded':
    case 'gtmhub_aborted':
      return `Gtmhub did not answer in time while ${doing}: please try again in a minute.`;
    case 'gtmhub_bad_response':
      return `Gtmhub gave an answer kpibot could not read while ${doing}; kpibot logged the details.`;
    case 'gtmhub_invalid_argument':
      return `That request cannot be sent to Gtmhub (${doing})${gtmhubReason(error)}.`;
  }
}

function gtmhubReason(error: GtmhubError): string {
  const message = (error as { gtmhubMessage?: unknown }).gtmhubMessage;
  return typeof message === 'string' && message.trim() !== '' ? `: “${message.trim().replace(/\.$/, '')}”` : '';
}

function isRedirect(error: GtmhubError): boolean {
  return error.status !== undefined && error.status >= 300 && error.status < 400;
}

/**
 * What the operator should check, for the log line next to a failure; undefined when the error
 * itself says enough. A 3xx from the API means GTMHUB_API_URL points at a page rather than the
 * API (undici does not follow redirects unless told to, and a POST must not be re-sent elsewhere).
 */
export function operatorHint(error: unknown): string | undefined {
  if (error instanceof GtmhubError && isRedirect(error)) {
    return `Gtmhub answered HTTP ${error.status} (a redirect): GTMHUB_API_URL is probably wrong; it must be the API's base URL for your Gtmhub data center.`;
  }
  return undefined;
}
