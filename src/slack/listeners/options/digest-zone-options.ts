import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { DigestIds } from '../../ids.js';
import { matchZones, zoneOption } from '../../views/digests/digest-modal.js';
import { typedQuery } from './typed-query.js';

/** The time zone typeahead of the digest modal: IANA zones matching what was typed, 100 at most. */
export function register(app: App, deps: SlackDeps): void {
  app.options(DigestIds.zonePicker, async ({ ack, options }) => {
    const typed = await typedQuery(deps, options, 'digest zone picker', ack);
    if (typed === undefined) return;
    await ack({ options: matchZones(typed).map(zoneOption) });
  });
}
