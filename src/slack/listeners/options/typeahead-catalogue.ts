import type { CatalogueView } from '../../../kpis/catalogue.js';
import type { SlackDeps } from '../../deps.js';

/** How long a typeahead may wait for the very first catalogue load: Slack drops answers after 3 s. */
const FIRST_LOAD_WAIT_MS = 2_000;

/**
 * The catalogue view a typeahead answers from: at once when loaded, else after waiting up to 2 s
 * for the first load. Undefined when it is still loading (logged): Slack shows no disabled
 * option, so the caller answers an empty list and the user's next keystroke asks again.
 */
export async function catalogueForTypeahead(deps: Pick<SlackDeps, 'catalogue' | 'logger'>, picker: string): Promise<CatalogueView | undefined> {
  const view = deps.catalogue.peek();
  if (view) return view;
  try {
    return await deps.catalogue.get({ waitMs: FIRST_LOAD_WAIT_MS });
  } catch (error) {
    deps.logger.warn('typeahead answered nothing: the KPI list is still loading', { picker, error });
    return undefined;
  }
}
