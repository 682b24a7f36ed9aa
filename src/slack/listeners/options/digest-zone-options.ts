import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { DigestIds } from '../../ids.js';
import { matchZones, zoneOption } from '../../views/digests/digest-modal.js';

/** The time zone typeahead of the digest modal: IANA zones matching what was typed, 100 at most. */
export function register(app: App, _deps: SlackDeps): void {
  app.options(DigestIds.zonePicker, async ({ ack, options }) => {
    await ack({ options: matchZones(options.value ?? '').map(zoneOption) });
  });
}
