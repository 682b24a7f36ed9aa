/**
 * The sandbox workbench: the developer acts as a Slack user, each line becomes the request Slack
 * would send (signed, with live trigger ids and response URLs), and whatever kpibot did in
 * return (replies, messages, modals, the Home tab) is rendered as text with numbered controls.
 */
import type { SimChannel, SimUser, SimView } from '../slack/index.js';
import { parseWorkbenchLine, WORKBENCH_HELP, WorkbenchUsageError, type WorkbenchCommand } from './commands.js';
import { sandboxGtmhubToken, type Sandbox } from './environment.js';
import { chooseOption, formState, typedState } from './modal-state.js';
import { choicesOf, renderMessage, renderMrkdwn, renderView, type ChoiceOption, type Control, type InputField, type Rendered, type StateValues } from './render.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface WorkbenchOptions {
  sandbox: Sandbox;
  /** Receives the output, one chunk of lines per call (no trailing newline). */
  write: (text: string) => void;
  /** How long to wait for kpibot's work after a request before moving on. Default 15 s. */
  settleMs?: number;
}

export interface LineOutcome {
  ok: boolean;
  quit: boolean;
}

/** Where a control lives, so that `click` sends the context Slack would. */
type Surface =
  | { kind: 'message'; channel: string; ts: string; ephemeral: boolean; text: string; blocks: unknown[] }
  | { kind: 'view'; viewId: string };

interface OpenModal {
  view: SimView;
  /** What was typed, by block and action id; Slack keeps it across updates of the same view. */
  typed: StateValues;
}

export class WorkbenchError extends Error {
  readonly code = 'workbench' as const;
  constructor(message: string) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

const SLACK_ACK_DEADLINE_MS = 3_000;

export class Workbench {
  user: SimUser;
  channel: SimChannel;
  private readonly sandbox: Sandbox;
  private readonly write: (text: string) => void;
  private readonly settleMs: number;
  private controls: Array<Control & { surface: Surface }> = [];
  private modal: OpenModal | undefined;
  private suggestions: { blockId: string; options: ChoiceOption[] } | undefined;
  private lastOutput = '';
  /** How much of the simulators' records has been shown: later effects show with the next line. */
  private shown: { calls: number; responses: number; opened: number };
  private fakeTs = 0;
  /** The Home tab is shown in full when asked for; republished after other commands, it gets one line. */
  private homeRequested = false;

  constructor(options: WorkbenchOptions) {
    this.sandbox = options.sandbox;
    this.write = options.write;
    this.settleMs = options.settleMs ?? 15_000;
    const { slack, users, channels } = options.sandbox;
    this.user = users.find((u) => !u.is_bot && !u.deleted)!;
    this.channel = channels.find((c) => c.members.includes(slack.botUserId) && !c.is_archived) ?? channels[0]!;
    this.shown = { calls: slack.calls.length, responses: slack.responses.length, opened: slack.views.opened.length };
  }

  prompt(): string {
    return `${this.user.name} in #${this.channel.name}${this.modal ? ` [${this.modal.view.title?.text ?? 'modal'}]` : ''}> `;
  }

  /** Runs one line; a failure is printed, and reported as `ok: false` (scripts exit non-zero on it). */
  async run(line: string): Promise<LineOutcome> {
    const out: string[] = [];
    try {
      const command = parseWorkbenchLine(line);
      if (command.kind === 'quit') return { ok: true, quit: true };
      const ok = await this.execute(command, out);
      this.flush(out, command.kind !== 'expect' && command.kind !== 'nothing');
      return { ok, quit: false };
    } catch (error) {
      const known = error instanceof WorkbenchUsageError || error instanceof WorkbenchError || (error as { code?: unknown }).code !== undefined;
      out.push(`! ${known && error instanceof Error ? error.message : `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}`);
      this.flush(out, false);
      return { ok: false, quit: false };
    }
  }

  private flush(out: string[], remember: boolean): void {
    if (out.length === 0) return;
    const text = out.join('\n');
    if (remember) this.lastOutput = text;
    this.write(text);
  }

  private async execute(command: Exclude<WorkbenchCommand, { kind: 'quit' }>, out: string[]): Promise<boolean> {
    switch (command.kind) {
      case 'nothing':
        return true;
      case 'help':
        out.push(WORKBENCH_HELP);
        return true;
      case 'slash':
        return this.request(out, () =>
          this.sandbox.driver.command(command.text, {
            command: command.command,
            userId: this.user.id,
            userName: this.user.name,
            channelId: this.channel.id,
            channelName: this.channel.name,
          }),
        );
      case 'click':
        return 'label' in command ? this.click(this.numberOf(command.label), undefined, out) : this.click(command.number, command.choice, out);
      case 'type':
        return this.type(command.rest, out);
      case 'suggest':
        return this.suggest(command.text, out);
      case 'submit':
        return this.submit(out);
      case 'close':
        return this.close(out);
      case 'home':
        this.homeRequested = true;
        try {
          return await this.request(out, () => this.sandbox.driver.appHomeOpened({ user: this.user.id }));
        } finally {
          this.homeRequested = false;
        }
      case 'as':
        return this.actAs(command.user, out);
      case 'users':
        for (const u of this.sandbox.users) out.push(`${u.id === this.user.id ? '*' : ' '} ${describeUser(u)}${u.is_bot ? '' : ` · Gtmhub token for /kpi connect: ${sandboxGtmhubToken(u.id)}`}`);
        return true;
      case 'in': {
        const wanted = command.channel.replace(/^#/, '').toLowerCase();
        const channel = this.sandbox.channels.find((c) => c.id.toLowerCase() === wanted || c.name.toLowerCase() === wanted);
        if (!channel) throw new WorkbenchError(`No channel "${command.channel}"; channels: ${this.sandbox.channels.map((c) => `#${c.name}`).join(', ')}.`);
        this.channel = channel;
        out.push(`Commands now run in #${channel.name} (${channel.id})${channel.members.includes(this.sandbox.slack.botUserId) ? '' : '; kpibot is not a member'}.`);
        return true;
      }
      case 'fault':
        this.sandbox.gtmhub.faults.set(command.target, command.fault);
        out.push(`Gtmhub fault on ${command.target}: ${JSON.stringify(command.fault)}`);
        return true;
      case 'clear-faults':
        this.sandbox.gtmhub.faults.clear();
        out.push('Gtmhub faults cleared.');
        return true;
      case 'list-faults': {
        const faults = Object.entries(this.sandbox.gtmhub.faults.list());
        out.push(faults.length === 0 ? 'No Gtmhub faults.' : faults.map(([route, f]) => `${route}: ${JSON.stringify(f)}`).join('\n'));
        return true;
      }
      case 'calls':
        this.listCalls(command.count, out);
        return true;
      case 'logs':
        for (const line of this.sandbox.logs.slice(-command.count)) out.push(compactLogLine(line));
        if (out.length === 0) out.push('No log lines yet.');
        return true;
      case 'expect': {
        const has = this.lastOutput.toLowerCase().includes(command.text.toLowerCase());
        if (has !== command.absent) return true;
        out.push(`! expected the last output ${command.absent ? 'not ' : ''}to contain "${command.text}"`);
        return false;
      }
    }
  }

  // --- Requests and what came back -------------------------------------------------------------

  /** Sends one request, waits for kpibot's work, renders what it did. */
  private async request(out: string[], send: () => Promise<{ status: number; body: string; json: unknown }>, render?: (json: unknown, out: Rendered[]) => void): Promise<boolean> {
    const started = Date.now();
    const response = await send();
    const elapsed = Date.now() - started;
    if (response.status < 200 || response.status >= 300) {
      out.push(`! kpibot answered HTTP ${response.status}: ${response.body.slice(0, 300)}`);
      return false;
    }
    const rendered: Rendered[] = [];
    render?.(response.json, rendered);
    await this.settle(out);
    this.showEffects(out, rendered);
    // Slack would have shown the user an error: a failure of the line, though the work went on.
    if (elapsed <= SLACK_ACK_DEADLINE_MS) return true;
    out.push(`! kpibot took ${elapsed} ms to acknowledge; Slack gives up after 3 s and shows the user an error.`);
    return false;
  }

  private async settle(out: string[]): Promise<void> {
    const done = await this.sandbox.kpibot.deps.background.drain(this.settleMs);
    if (!done) out.push(`(kpibot is still working after ${this.settleMs / 1000} s; what it does later shows after your next command)`);
  }

  /** Renders the Web API calls and response_url posts since the last output, in order. */
  private showEffects(out: string[], rendered: Rendered[]): void {
    const { slack } = this.sandbox;
    const calls = slack.calls.slice(this.shown.calls);
    const responses = slack.responses.slice(this.shown.responses);
    const opened = slack.views.opened.slice(this.shown.opened);
    this.shown = { calls: slack.calls.length, responses: slack.responses.length, opened: slack.views.opened.length };

    const controls: Array<Control & { surface: Surface }> = [];
    // Controls rendered earlier in this output (a modal from response_action) keep their numbers.
    for (const r of rendered) controls.push(...r.controls.map((c) => ({ ...c, surface: { kind: 'view', viewId: this.modal?.view.id ?? '' } as Surface })));
    const add = (heading: string, render: (first: number) => Rendered, surface: Surface): void => {
      const r = render(controls.length + 1);
      out.push(heading, ...r.lines);
      controls.push(...r.controls.map((c) => ({ ...c, surface })));
    };

    const events = [
      ...calls.map((call, order) => ({ time: call.time, order, call, response: undefined })),
      ...responses.map((response, order) => ({ time: response.time, order: calls.length + order, call: undefined, response })),
    ].sort((a, b) => a.time - b.time || a.order - b.order);
    const viewsShown = new Set<string>();
    let openedIndex = 0;

    for (const event of events) {
      if (event.response) {
        const body = event.response.body;
        const inChannel = body.response_type === 'in_channel';
        if (body.delete_original === true) {
          out.push('── the original message was deleted ──');
          continue;
        }
        const ts = this.nextTs();
        add(
          `── reply${inChannel ? ` in #${this.channel.name}` : ' (only you can see it)'}${body.replace_original === true ? ', replacing the original' : ''} ──`,
          (first) => renderMessage(body, { firstControl: first }),
          { kind: 'message', channel: this.channel.id, ts, ephemeral: !inChannel, text: String(body.text ?? ''), blocks: Array.isArray(body.blocks) ? body.blocks : [] },
        );
        continue;
      }
      const call = event.call!;
      const args = decodeArgs(call.args);
      if (!call.ok) {
        out.push(`! kpibot called ${call.method}; Slack answered ${call.error ?? 'an error'}`);
        continue;
      }
      switch (call.method) {
        case 'chat.postMessage':
        case 'chat.update':
        case 'chat.postEphemeral': {
          const channel = String(args.channel ?? '');
          if (call.method === 'chat.postEphemeral' && args.user !== this.user.id) {
            out.push(`── kpibot showed ${String(args.user)} a message in ${this.channelLabel(channel)} ──`);
            continue;
          }
          const verb = call.method === 'chat.update' ? 'message updated' : call.method === 'chat.postEphemeral' ? 'only you can see' : 'message';
          const ts = String(args.ts ?? this.findTs(channel, args) ?? this.nextTs());
          add(`── ${verb} in ${this.channelLabel(channel)}${args.thread_ts ? ' (in a thread)' : ''} ──`, (first) => renderMessage(args, { firstControl: first }), {
            kind: 'message',
            channel,
            ts,
            ephemeral: call.method === 'chat.postEphemeral',
            text: String(args.text ?? ''),
            blocks: Array.isArray(args.blocks) ? args.blocks : [],
          });
          break;
        }
        case 'views.open':
        case 'views.push':
        case 'views.update': {
          const id = call.method === 'views.update' ? this.viewIdOf(args) : opened[openedIndex++]?.id;
          if (id === undefined || viewsShown.has(id)) break;
          viewsShown.add(id);
          // Later calls in this batch may change it again: show it once, as it is now.
          const view = slack.views.byId(id);
          if (!view) break;
          if (view.type === 'home') {
            add(`── your Home tab was updated ──`, (first) => renderView(view as unknown as Json, { firstControl: first }), { kind: 'view', viewId: id });
            break;
          }
          if (view.user_id !== undefined && view.user_id !== this.user.id) {
            out.push(`── a modal changed for ${view.user_id} ──`);
            break;
          }
          this.track(view);
          add(`── modal ${call.method === 'views.update' ? 'updated' : 'opened'} ──`, (first) => renderView(view as unknown as Json, { firstControl: first, state: this.state() }), {
            kind: 'view',
            viewId: id,
          });
          break;
        }
        case 'views.publish': {
          const user = String(args.user_id ?? '');
          if (user !== this.user.id) {
            out.push(`── kpibot published the Home tab of ${user} ──`);
            break;
          }
          const home = slack.views.home(user);
          if (!home || viewsShown.has(home.id)) break;
          viewsShown.add(home.id);
          if (!this.homeRequested) {
            out.push('── your Home tab was republished (type home to see it) ──');
            break;
          }
          add('── Home tab ──', (first) => renderView(home as unknown as Json, { firstControl: first }), { kind: 'view', viewId: home.id });
          break;
        }
        case 'chat.delete':
          out.push(`── a message was deleted in ${this.channelLabel(String(args.channel ?? ''))} ──`);
          break;
        default:
          // Lookups (users.info, conversations.*, auth.test) show in `calls`, not here.
          break;
      }
    }
    const home = this.homeRequested ? slack.views.home(this.user.id) : undefined;
    if (home && !viewsShown.has(home.id)) {
      add('── Home tab (as last published) ──', (first) => renderView(home as unknown as Json, { firstControl: first }), { kind: 'view', viewId: home.id });
    }
    if (controls.length > 0 || rendered.length > 0 || home || events.some((e) => e.response || e.call?.method.startsWith('views.') || e.call?.method.startsWith('chat.'))) {
      this.controls = controls;
    }
    if (out.length === 0) out.push('(kpibot acknowledged; nothing came back)');
  }

  private nextTs(): string {
    this.fakeTs += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.fakeTs).padStart(6, '0')}`;
  }

  private findTs(channel: string, args: Json): string | undefined {
    try {
      const text = String(args.text ?? '');
      return this.sandbox.slack.messages(channel).filter((m) => m.text === text).at(-1)?.ts;
    } catch {
      return undefined;
    }
  }

  private viewIdOf(args: Json): string | undefined {
    if (typeof args.view_id === 'string') return args.view_id;
    const external = args.external_id;
    if (typeof external !== 'string') return undefined;
    return this.sandbox.slack.views.opened.find((v) => this.sandbox.slack.views.byId(v.id)?.external_id === external)?.id;
  }

  private channelLabel(id: string): string {
    const channel = this.sandbox.channels.find((c) => c.id === id);
    if (channel) return `#${channel.name}`;
    const user = this.sandbox.users.find((u) => u.id === id);
    return user ? `a DM with ${user.real_name}` : id;
  }

  // --- Modals ----------------------------------------------------------------------------------

  /** Follows the user's modal: a new one starts with nothing typed; an update keeps what was. */
  private track(view: SimView): void {
    if (this.modal && this.modal.view.root_view_id === view.root_view_id) {
      this.modal.view = view;
      return;
    }
    this.modal = { view, typed: {} };
    this.suggestions = undefined;
  }

  private requireModal(): OpenModal {
    if (!this.modal) throw new WorkbenchError('No modal is open: open one first (e.g. /kpi log).');
    return this.modal;
  }

  private inputs(): InputField[] {
    return this.modal ? renderView(this.modal.view as unknown as Json).inputs : [];
  }

  private state(): StateValues {
    return this.modal ? formState(this.inputs(), this.modal.typed) : {};
  }

  private modalPayload(): SimView {
    const modal = this.requireModal();
    return { ...modal.view, state: { values: this.state() } };
  }

  private async suggest(text: string, out: string[]): Promise<boolean> {
    this.requireModal();
    const typeaheads = this.inputs().filter((i) => i.type.endsWith('external_select'));
    if (typeaheads.length === 0) throw new WorkbenchError('The open modal has no typeahead (external select).');
    // With several typeaheads, a first word naming one (label or block id) picks it.
    const [first = '', ...rest] = text.split(/\s+/);
    const named = typeaheads.length > 1 ? typeaheads.find((t) => [t.blockId, t.label].some((n) => n.toLowerCase() === first.toLowerCase())) : undefined;
    const field = named ?? typeaheads[0]!;
    const options = await this.fetchOptions(field, named ? rest.join(' ') : text);
    out.push(options.length === 0 ? `No options for "${text}".` : `${options.length} option${options.length === 1 ? '' : 's'} for ${field.label} (type ${field.label} <n> to pick one):`);
    options.slice(0, 20).forEach((o, i) => out.push(`  ${i + 1}) ${o.text}   (${o.value})`));
    if (options.length > 20) out.push(`  … and ${options.length - 20} more`);
    return true;
  }

  /** A block_suggestion, as Slack sends one per keystroke; remembers the answer for `type`. */
  private async fetchOptions(field: InputField, value: string): Promise<ChoiceOption[]> {
    const started = Date.now();
    const response = await this.sandbox.driver.suggestion({ actionId: field.actionId, blockId: field.blockId, value, view: this.modalPayload(), user: this.user.id });
    if (response.status !== 200) throw new WorkbenchError(`kpibot answered the typeahead with HTTP ${response.status}.`);
    if (Date.now() - started > SLACK_ACK_DEADLINE_MS) throw new WorkbenchError('kpibot took longer than Slack’s 3 s to answer the typeahead: Slack would show no options.');
    const json = isObject(response.json) ? response.json : {};
    const raw = [...(Array.isArray(json.options) ? json.options : []), ...(Array.isArray(json.option_groups) ? json.option_groups.flatMap((g) => (isObject(g) && Array.isArray(g.options) ? g.options : [])) : [])];
    const options = raw.filter(isObject).map((o) => ({ text: isObject(o.text) ? String(o.text.text ?? '') : '', value: String(o.value ?? '') }));
    this.suggestions = { blockId: field.blockId, options };
    return options;
  }

  private findInput(rest: string): { field: InputField; value: string } {
    const lower = rest.toLowerCase();
    const candidates = this.inputs()
      .flatMap((field) => [field.blockId, field.label].filter(Boolean).map((name) => ({ field, name: name.toLowerCase() })))
      .filter(({ name }) => lower === name || lower.startsWith(`${name} `))
      .sort((a, b) => b.name.length - a.name.length);
    const best = candidates[0];
    if (!best) {
      const names = this.inputs().map((i) => `${i.label} [${i.blockId}]`).join(', ');
      throw new WorkbenchError(`The open modal has no input named like "${rest.split(/\s+/)[0]}"; its inputs: ${names || 'none'}.`);
    }
    return { field: best.field, value: rest.slice(best.name.length).trim() };
  }

  private async type(rest: string, out: string[]): Promise<boolean> {
    const modal = this.requireModal();
    const { field, value } = this.findInput(rest);
    let state: Json;
    if (field.type.endsWith('external_select')) {
      const picked: ChoiceOption[] = [];
      for (const item of field.type.startsWith('multi_') ? value.split(',').map((v) => v.trim()).filter(Boolean) : value ? [value] : []) {
        picked.push(await this.pickSuggestion(field, item));
      }
      state = typedState(field, picked.map((p) => p.value).join(','), picked);
    } else {
      state = typedState(field, value, choicesOf(field.element));
    }
    modal.typed[field.blockId] = { ...modal.typed[field.blockId], [field.actionId]: state };
    out.push(`✎ ${field.label} = ${describeTyped(state) || '—'}`);
    if (!field.dispatches) return true;
    // dispatch_action: Slack tells the app about the new value at once (a select's choice, Enter in a text input).
    const { type: _type, ...value_ } = state;
    return this.request(out, () =>
      this.sandbox.driver.action({
        user: this.user.id,
        actions: [{ action_id: field.actionId, block_id: field.blockId, type: field.type, ...value_ }],
        view: this.modalPayload(),
      }),
    );
  }

  /** The option a user would pick after typing `item`: the one named, else the best suggestion. */
  private async pickSuggestion(field: InputField, item: string): Promise<ChoiceOption> {
    const last = this.suggestions?.blockId === field.blockId ? this.suggestions.options : [];
    const known = chooseOption(last, item);
    if (known) return known;
    const fresh = await this.fetchOptions(field, item);
    const picked = chooseOption(fresh, item) ?? fresh[0];
    if (!picked) throw new WorkbenchError(`kpibot offers no option for "${item}" in ${field.label}.`);
    return picked;
  }

  private async submit(out: string[]): Promise<boolean> {
    const view = this.modalPayload();
    return this.request(
      out,
      () => this.sandbox.driver.submitView({ view, user: this.user.id }),
      (json, rendered) => {
        const answer = isObject(json) ? json : {};
        switch (answer.response_action) {
          case 'errors': {
            const errors = isObject(answer.errors) ? answer.errors : {};
            const labels = new Map(this.inputs().map((i) => [i.blockId, i.label]));
            out.push('── the modal stays open with errors ──', ...Object.entries(errors).map(([block, message]) => `! ${labels.get(block) ?? block}: ${String(message)}`));
            break;
          }
          case 'update':
          case 'push': {
            const next = isObject(answer.view) ? answer.view : {};
            const base = this.modal!.view;
            const id = answer.response_action === 'push' ? `${base.id}-pushed` : base.id;
            // The answer replaces the view's content; Slack keeps its identity (id, stack, owner).
            const { id: _id, blocks: _b, title: _t, submit: _s, close: _c, callback_id: _cb, private_metadata: _pm, ...identity } = base;
            const shown = { ...identity, submit: null, close: null, blocks: [], callback_id: '', private_metadata: '', ...next, id } as SimView;
            if (answer.response_action === 'push') this.modal = { view: shown, typed: {} };
            else this.modal!.view = shown;
            const r = renderView(shown as unknown as Json, { firstControl: 1, state: this.state() });
            out.push(`── modal ${answer.response_action === 'push' ? 'pushed' : 'updated'} by the submission ──`, ...r.lines);
            rendered.push(r);
            break;
          }
          default:
            // No response_action (or `clear`): Slack closes the modal.
            this.modal = undefined;
            out.push('── modal closed ──');
        }
      },
    );
  }

  private async close(out: string[]): Promise<boolean> {
    const modal = this.requireModal();
    this.modal = undefined;
    if (!modal.view.notify_on_close) {
      out.push('── modal closed ──');
      return true;
    }
    return this.request(out, () => this.sandbox.driver.closeView({ view: modal.view, user: this.user.id }));
  }

  // --- Clicks ----------------------------------------------------------------------------------

  private numberOf(label: string): number {
    const wanted = label.toLowerCase();
    const control = this.controls.find((c) => c.label.toLowerCase() === wanted) ?? this.controls.find((c) => c.label.toLowerCase().includes(wanted));
    if (!control) throw new WorkbenchError(`The last output has no button "${label}"; its buttons: ${this.controls.map((c) => `[${c.number}] ${c.label}`).join('  ') || 'none'}.`);
    return control.number;
  }

  private async click(number: number, choice: string | undefined, out: string[]): Promise<boolean> {
    const control = this.controls.find((c) => c.number === number);
    if (!control) {
      throw new WorkbenchError(this.controls.length === 0 ? 'There is nothing to click: the last output had no buttons.' : `There is no [${number}]; the last output has [1] to [${this.controls.length}].`);
    }
    const action: Json = { action_id: control.actionId, type: control.type, ...(control.blockId ? { block_id: control.blockId } : {}) };
    if (control.type === 'button') {
      action.text = { type: 'plain_text', text: control.label, emoji: true };
      if (control.value !== undefined) action.value = control.value;
    } else {
      if (choice === undefined) {
        const choices = (control.options ?? []).map((o, i) => `${i + 1}) ${o.text}`).join(', ');
        throw new WorkbenchError(`[${number}] is a menu: say which choice, e.g. click ${number} 1${choices ? ` (${choices})` : ''}.`);
      }
      const field: InputField = { blockId: control.blockId ?? '', actionId: control.actionId, label: `[${number}]`, type: control.type === 'overflow' ? 'static_select' : control.type, optional: true, dispatches: true, element: control.element };
      const { type: _type, ...selected } = typedState(field, choice, control.options ?? []);
      Object.assign(action, selected);
    }
    const confirm = isObject(control.element.confirm) ? control.element.confirm : undefined;
    if (confirm) out.push(`(Slack asks "${renderMrkdwn(String((confirm.text as Json | undefined)?.text ?? ''))}" — confirmed)`);
    const surface = control.surface;
    if (surface.kind === 'view') {
      const view = this.modal?.view.id === surface.viewId ? this.modalPayload() : this.sandbox.slack.views.byId(surface.viewId);
      if (!view) throw new WorkbenchError('That view is gone: its buttons cannot be pressed any more.');
      return this.request(out, () => this.sandbox.driver.action({ user: this.user.id, actions: [action as { action_id: string }], view }));
    }
    return this.request(out, () =>
      this.sandbox.driver.action({
        user: this.user.id,
        actions: [action as { action_id: string }],
        channel: { id: surface.channel, name: this.sandbox.channels.find((c) => c.id === surface.channel)?.name ?? surface.channel },
        message: { ts: surface.ts, text: surface.text, blocks: surface.blocks },
        container: { type: 'message', message_ts: surface.ts, channel_id: surface.channel, is_ephemeral: surface.ephemeral },
      }),
    );
  }

  // --- People and records ----------------------------------------------------------------------

  private actAs(wanted: string, out: string[]): boolean {
    const w = wanted.replace(/^@/, '').toLowerCase();
    const user = this.sandbox.users.find((u) => u.id.toLowerCase() === w || u.name.toLowerCase() === w || u.real_name.toLowerCase() === w);
    if (!user) throw new WorkbenchError(`No member "${wanted}"; type users for the list.`);
    this.user = user;
    // Another person does not see this person's modal or buttons.
    this.modal = undefined;
    this.controls = [];
    out.push(`Now acting as ${describeUser(user)}.`);
    return true;
  }

  private listCalls(count: number, out: string[]): void {
    const { slack, gtmhub } = this.sandbox;
    out.push(`Slack Web API calls (last ${count} of ${slack.calls.length}):`);
    for (const c of slack.calls.slice(-count)) {
      const args = decodeArgs(c.args);
      const keys = ['channel', 'user', 'user_id', 'view_id', 'trigger_id'].filter((k) => args[k] !== undefined).map((k) => `${k}=${String(args[k]).slice(0, 24)}`);
      const callback = isObject(args.view) && args.view.callback_id ? [`callback_id=${String(args.view.callback_id)}`] : [];
      out.push(`  ${clock(c.time)} ${c.method} ${c.ok ? 'ok' : `error=${c.error}`} ${[...keys, ...callback].join(' ')}`.trimEnd());
    }
    out.push(`Gtmhub requests (last ${count}):`);
    for (const r of gtmhub.requests.slice(-count)) {
      const query = Object.keys(r.query).length > 0 ? `?${new URLSearchParams(r.query).toString()}` : '';
      out.push(`  ${clock(r.time.getTime())} ${r.method} ${r.path}${query.length > 80 ? `${query.slice(0, 77)}…` : query} → ${r.status ?? 'no answer'}${r.userId ? ` as ${r.userId}` : ''}${r.fault ? ` (fault ${JSON.stringify(r.fault)})` : ''}`);
    }
  }
}

function describeTyped(state: Json): string {
  const option = (o: unknown): string => (isObject(o) && isObject(o.text) ? String(o.text.text) : '');
  if (isObject(state.selected_option)) return option(state.selected_option);
  if (Array.isArray(state.selected_options)) return state.selected_options.map(option).join(', ');
  const value = Object.entries(state).find(([k]) => k !== 'type')?.[1];
  return value === null || value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);
}

export function describeUser(u: SimUser): string {
  const roles = [u.is_owner ? 'owner' : u.is_admin ? 'admin' : '', u.is_bot ? 'bot' : '', u.deleted ? 'deactivated' : ''].filter(Boolean);
  return `${u.id} ${u.name} (${u.real_name}, ${u.tz}, ${u.locale}${roles.length ? `, ${roles.join(', ')}` : ''})`;
}

/** The Web API's JSON-valued arguments arrive as strings when WebClient sends a form. */
function decodeArgs(args: Record<string, unknown>): Json {
  const out: Json = { ...args };
  for (const key of ['blocks', 'view', 'attachments', 'metadata']) {
    if (typeof out[key] === 'string') {
      try {
        out[key] = JSON.parse(out[key] as string);
      } catch {
        // shown as it came
      }
    }
  }
  return out;
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

/** A JSON log line as `12:00:01.234 warn message {context}`. */
function compactLogLine(line: string): string {
  try {
    const { time, level, msg, ...rest } = JSON.parse(line) as Json;
    const context = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    return `${String(time).slice(11, 23)} ${String(level)} ${String(msg)}${context}`;
  } catch {
    return line;
  }
}
