import { ActionIds, BlockIds } from '../ids.js';
import { parseIdValue } from './button-values.js';
import { invalid, isRecord, nonEmptyString, parsed, type Parsed } from '../../parsing/parsed.js';
import { parseLogModalMetadata, type LogModalMetadata } from './metadata.js';
import { parseViewState, type ViewState } from './view-state.js';

/**
 * The parts of Slack's requests (interactions, options requests, events) that kpibot reads besides
 * ids, values and view state. Bolt's types say what Slack sends; these say what kpibot accepts, so
 * that a request without a user, a team or a view is answered, not thrown on.
 */

/** Who acted, in which workspace: every interaction carries both. */
export interface Actor {
  teamId: string;
  userId: string;
}

/**
 * The actor of an interaction (block_actions, view_submission, block_suggestion): `user.id`, and
 * the workspace from `team.id` or, where Slack sends `team: null` (org-wide apps), `user.team_id`.
 */
export function parseActor(body: unknown): Parsed<Actor> {
  if (!isRecord(body)) return invalid('the request has no body');
  const user = isRecord(body.user) ? body.user : undefined;
  const userId = nonEmptyString(user?.id);
  if (!userId) return invalid('the request names no user');
  const teamId = nonEmptyString(isRecord(body.team) ? body.team.id : undefined) ?? nonEmptyString(user?.team_id);
  if (!teamId) return invalid('the request names no workspace');
  return parsed({ teamId, userId });
}

/** A click on a button whose value is one id (*Details*, *Edit*, *Delete*, the digest list's buttons): who clicked, and the id. */
export function parseIdClick(body: unknown, value: unknown, what: string): Parsed<Actor & { id: string }> {
  const actor = parseActor(body);
  if (!actor.ok) return actor;
  const id = parseIdValue(value, what);
  return id.ok ? parsed({ ...actor.value, id: id.value }) : id;
}

/** A slash command (`/kpi …`), as kpibot uses it. */
export interface SlashCommand extends Actor {
  /** What follows the command; `''` for a bare `/kpi`. */
  text: string;
  channelId: string;
  triggerId: string;
  responseUrl: string;
}

/** Slack caps what follows a command well below this; anything longer is not typed in Slack. */
const MAX_COMMAND_TEXT = 4000;

export function parseSlashCommand(command: unknown): Parsed<SlashCommand> {
  if (!isRecord(command)) return invalid('the command has no payload');
  const userId = nonEmptyString(command.user_id);
  const teamId = nonEmptyString(command.team_id);
  if (!userId || !teamId) return invalid('the command names no user or workspace');
  const text = command.text ?? '';
  if (typeof text !== 'string') return invalid('the command’s text is not text');
  if (text.length > MAX_COMMAND_TEXT) return invalid('the command’s text is longer than Slack allows');
  const field = (value: unknown): string => (typeof value === 'string' ? value : '');
  return parsed({ teamId, userId, text, channelId: field(command.channel_id), triggerId: field(command.trigger_id), responseUrl: field(command.response_url) });
}

/** `app_home_opened` (https://api.slack.com/events/app_home_opened): who opened which tab. */
export interface AppHomeOpened {
  teamId: string;
  userId: string;
  /** `home` or `messages`; kpibot publishes only for `home`. */
  tab: string;
}

export function parseAppHomeOpened(event: unknown, body: unknown): Parsed<AppHomeOpened> {
  if (!isRecord(event)) return invalid('app_home_opened without an event');
  const userId = nonEmptyString(event.user);
  if (!userId) return invalid('app_home_opened names no user');
  const tab = nonEmptyString(event.tab);
  if (!tab) return invalid('app_home_opened names no tab');
  const teamId = isRecord(body) ? nonEmptyString(body.team_id) : undefined;
  if (!teamId) return invalid('app_home_opened names no workspace');
  return parsed({ teamId, userId, tab });
}

/** Slack sends at most a few dozen typed characters; a longer query is not a person typing. */
const MAX_QUERY = 500;

/** What was typed into a typeahead (options request / block_suggestion): `''` before anything is typed. */
export function parseOptionsQuery(options: unknown): Parsed<string> {
  if (!isRecord(options)) return invalid('the options request has no payload');
  const { value } = options;
  if (value === undefined || value === null) return parsed('');
  if (typeof value !== 'string') return invalid('the options request’s value is not text');
  return value.length > MAX_QUERY ? invalid('the options request’s value is longer than anyone types') : parsed(value);
}

/** A submitted view (view_submission): its id, its parsed inputs and its metadata, still as text for the feature's codec. */
export interface SubmittedView {
  id: string;
  state: ViewState;
  privateMetadata: string;
}

export function parseSubmittedView(view: unknown): Parsed<SubmittedView> {
  if (!isRecord(view)) return invalid('the request carries no view');
  const id = nonEmptyString(view.id);
  if (!id) return invalid('the view has no id');
  const state = parseViewState(isRecord(view.state) ? view.state.values : undefined);
  if (!state.ok) return state;
  return parsed({ id, state: state.value, privateMetadata: typeof view.private_metadata === 'string' ? view.private_metadata : '' });
}

/** A view_submission request: who submitted which view. */
export interface Submission {
  actor: Actor;
  view: SubmittedView;
}

export function parseSubmission(body: unknown): Parsed<Submission> {
  const actor = parseActor(body);
  if (!actor.ok) return actor;
  const view = parseSubmittedView(isRecord(body) ? body.view : undefined);
  return view.ok ? parsed({ actor: actor.value, view: view.value }) : view;
}

/** The log modal as a block_actions request carries it (a KPI was picked): what refreshing it needs. */
export interface LogModalView {
  id: string;
  hash: string;
  metadata: LogModalMetadata;
  state: ViewState;
  /** The KPIs of the candidates select, when the modal offered candidates instead of the typeahead. */
  candidateIds: string[] | undefined;
}

export function parseLogModalView(view: unknown): Parsed<LogModalView> {
  const submitted = parseSubmittedView(view);
  if (!submitted.ok || !isRecord(view)) return submitted.ok ? invalid('the request carries no view') : submitted;
  const metadata = parseLogModalMetadata(submitted.value.privateMetadata);
  return parsed({
    id: submitted.value.id,
    // A missing hash only means the update cannot guard against a newer state: Slack accepts it without.
    hash: typeof view.hash === 'string' ? view.hash : '',
    metadata: metadata.ok ? metadata.value : {},
    state: submitted.value.state,
    candidateIds: candidateIdsIn(view.blocks),
  });
}

/** The option values of the KPI picker when it is a static select (the candidates of an ambiguous `/kpi log`). */
function candidateIdsIn(blocks: unknown): string[] | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const picker: unknown = blocks.find((b: unknown) => isRecord(b) && b.block_id === BlockIds.kpiPicker);
  const element = isRecord(picker) && isRecord(picker.element) ? picker.element : undefined;
  if (element?.type !== 'static_select' || element.action_id !== ActionIds.kpiPicker || !Array.isArray(element.options)) return undefined;
  return element.options.flatMap((o: unknown) => (isRecord(o) && typeof o.value === 'string' ? [o.value] : []));
}

/** The message a button was clicked in, when Slack sent it (it leaves it out for ephemeral messages). */
export interface ClickedMessage {
  text: string;
  blocks: unknown[];
}

export function parseClickedMessage(body: unknown): ClickedMessage | undefined {
  if (!isRecord(body) || !isRecord(body.message) || !Array.isArray(body.message.blocks)) return undefined;
  const blocks: unknown[] = body.message.blocks;
  return { text: typeof body.message.text === 'string' ? body.message.text : '', blocks };
}
