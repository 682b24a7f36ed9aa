/**
 * The typeaheads that several forms share (the digest form's and the alert form's KPI, group and
 * time zone pickers), as listener bodies: each form's listener file registers one under its own
 * action id, so each answers only in its own form.
 */
import { knownGroups, searchGroups } from '../../../favorites/resolve-group.js';
import type { SlackDeps } from '../../deps.js';
import { LIMITS } from '../../views/blocks.js';
import { matchZones, zoneOption } from '../../views/digests/digest-modal.js';
import { groupOptions, kpiNameOptions } from '../../views/typeahead-options.js';
import { catalogueForTypeahead } from './typeahead-catalogue.js';
import { typedQuery } from './typed-query.js';

type OptionsAck = (answer: { options: ReturnType<typeof kpiNameOptions> }) => Promise<void>;
type OptionsArgs = { ack: OptionsAck; options: unknown };

/**
 * KPIs by name from the in-memory catalogue: at most 100 options of at most 75 characters, best
 * first. On another replica (or after a restart) the catalogue may still be loading: it waits briefly.
 */
export function kpiTypeahead(deps: SlackDeps, picker: string): (args: OptionsArgs) => Promise<void> {
  return async ({ ack, options }) => {
    const typed = await typedQuery(deps, options, picker, ack);
    if (typed === undefined) return;
    const view = await catalogueForTypeahead(deps, picker);
    if (!view) return ack({ options: [] });
    const { matches } = view.index.search(typed, LIMITS.options);
    await ack({ options: kpiNameOptions(matches.map((m) => m.kpi)) });
  };
}

/** Every group the catalogue knows, matched by name (all of them when nothing is typed yet). */
export function groupTypeahead(deps: SlackDeps, picker: string): (args: OptionsArgs) => Promise<void> {
  return async ({ ack, options }) => {
    const typed = await typedQuery(deps, options, picker, ack);
    if (typed === undefined) return;
    const view = await catalogueForTypeahead(deps, picker);
    const groups = view ? searchGroups(knownGroups(view), typed, LIMITS.options) : [];
    await ack({ options: groupOptions(groups) });
  };
}

/** IANA zones matching what was typed, 100 at most. */
export function zoneTypeahead(deps: SlackDeps, picker: string): (args: OptionsArgs) => Promise<void> {
  return async ({ ack, options }) => {
    const typed = await typedQuery(deps, options, picker, ack);
    if (typed === undefined) return;
    await ack({ options: matchZones(typed).map(zoneOption) });
  };
}
