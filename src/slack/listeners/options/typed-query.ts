import type { SlackDeps } from '../../deps.js';
import { parseOptionsQuery } from '../../payloads/requests.js';
import { logUnreadable } from '../unreadable.js';

/**
 * What was typed into a typeahead; undefined when the request could not be read, which has then
 * been answered with an empty list (the typeahead's only way to say nothing matches).
 */
export async function typedQuery(
  deps: Pick<SlackDeps, 'logger'>,
  options: unknown,
  picker: string,
  ack: (answer: { options: [] }) => Promise<void>,
): Promise<string | undefined> {
  const query = parseOptionsQuery(options);
  if (query.ok) return query.value;
  logUnreadable(deps, `a typeahead request of the ${picker}`, query.error);
  await ack({ options: [] });
  return undefined;
}
