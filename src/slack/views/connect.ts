import type { ModalView } from '@slack/types';
import { ActionIds, BlockIds, CallbackIds } from '../ids.js';
import { context, plain, section } from './blocks.js';

const TITLE = 'Connect Gtmhub';

/**
 * /kpi connect: where a user pastes their personal Gtmhub API token. `gtmhubAppUrl` is the Gtmhub
 * web app the tokens come from (the API URL without `/api`).
 */
export function connectModal(gtmhubAppUrl: string): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackIds.connectModal,
    title: plain(TITLE, 24),
    submit: plain('Connect', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(
        'With your own Gtmhub API token, the values you record, the groups you star and your KPI changes are made *as you* in Gtmhub, not as kpibot.',
      ),
      section(`Create a token in Gtmhub: ${gtmhubAppUrl} → *Settings* → *Integrations* → *API tokens*, then paste it below.`),
      {
        type: 'input',
        block_id: BlockIds.gtmhubToken,
        label: plain('Your Gtmhub API token'),
        element: { type: 'plain_text_input', action_id: ActionIds.gtmhubTokenInput, placeholder: plain('Paste the token here') },
      },
      context('kpibot checks the token with one read, stores it encrypted, and never shows it again. `/kpi disconnect` removes it.'),
    ],
  };
}

/** What the modal turns into once the token is stored. */
export function connectedModal(): ModalView {
  return {
    type: 'modal',
    title: plain(TITLE, 24),
    close: plain('Done', 24),
    blocks: [section('Connected: from now on kpibot acts as you in Gtmhub. `/kpi disconnect` goes back to the shared token.')],
  };
}
