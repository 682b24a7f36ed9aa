/**
 * What kpibot did after a request, as the person would see it in Slack: replies, messages, modals
 * and the Home tab, in the order they happened, each with its numbered controls.
 */
import type { SimChannel, SimUser } from '../slack/index.js';
import type { Sandbox } from './environment.js';
import type { ModalSession } from './modal-session.js';
import { renderMessage, renderView, type Control, type Rendered } from './render.js';
import { decodeArgs, jsonOf, type Json } from './records.js';

/** Where a control lives, so that `click` sends the context Slack would. */
export type Surface =
  | { kind: 'message'; channel: string; ts: string; ephemeral: boolean; text: string; blocks: unknown[] }
  | { kind: 'view'; viewId: string };

export type SurfacedControl = Control & { surface: Surface };

/** Who is looking, and what the effects may change: the open modal. */
export interface Viewer {
  user: SimUser;
  channel: SimChannel;
  modal: ModalSession;
  /** The Home tab is shown in full when asked for; republished after other commands, it gets one line. */
  homeRequested: boolean;
}

export class Effects {
  /** How much of the simulators' records has been shown: later effects show with the next line. */
  private shown: { calls: number; responses: number; opened: number };
  private fakeTs = 0;

  constructor(private readonly sandbox: Sandbox) {
    const { slack } = sandbox;
    this.shown = { calls: slack.calls.length, responses: slack.responses.length, opened: slack.views.opened.length };
  }

  /**
   * Renders the Web API calls and response_url posts since the last output, in order, into `out`.
   * Returns the controls the output now offers, or undefined when nothing shown carries any (the
   * previous ones stay clickable). `rendered`: what was rendered before, from the HTTP answer.
   */
  show(viewer: Viewer, out: string[], rendered: Rendered[]): SurfacedControl[] | undefined {
    const { slack } = this.sandbox;
    const calls = slack.calls.slice(this.shown.calls);
    const responses = slack.responses.slice(this.shown.responses);
    const opened = slack.views.opened.slice(this.shown.opened);
    this.shown = { calls: slack.calls.length, responses: slack.responses.length, opened: slack.views.opened.length };

    const controls: SurfacedControl[] = [];
    // Controls rendered earlier in this output (a modal from response_action) keep their numbers.
    for (const r of rendered) {
      const surface: Surface = { kind: 'view', viewId: viewer.modal.viewId() ?? '' };
      controls.push(...r.controls.map((c) => ({ ...c, surface })));
    }
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
          `── reply${inChannel ? ` in #${viewer.channel.name}` : ' (only you can see it)'}${body.replace_original === true ? ', replacing the original' : ''} ──`,
          (first) => renderMessage(body, { firstControl: first }),
          { kind: 'message', channel: viewer.channel.id, ts, ephemeral: !inChannel, text: String(body.text ?? ''), blocks: Array.isArray(body.blocks) ? body.blocks : [] },
        );
        continue;
      }
      const call = event.call;
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
          if (call.method === 'chat.postEphemeral' && args.user !== viewer.user.id) {
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
            add(`── your Home tab was updated ──`, (first) => renderView(jsonOf(view), { firstControl: first }), { kind: 'view', viewId: id });
            break;
          }
          if (view.user_id !== undefined && view.user_id !== viewer.user.id) {
            out.push(`── a modal changed for ${view.user_id} ──`);
            break;
          }
          viewer.modal.track(view);
          add(`── modal ${call.method === 'views.update' ? 'updated' : 'opened'} ──`, (first) => renderView(jsonOf(view), { firstControl: first, state: viewer.modal.state() }), {
            kind: 'view',
            viewId: id,
          });
          break;
        }
        case 'views.publish': {
          const user = String(args.user_id ?? '');
          if (user !== viewer.user.id) {
            out.push(`── kpibot published the Home tab of ${user} ──`);
            break;
          }
          const home = slack.views.home(user);
          if (!home || viewsShown.has(home.id)) break;
          viewsShown.add(home.id);
          if (!viewer.homeRequested) {
            out.push('── your Home tab was republished (type home to see it) ──');
            break;
          }
          add('── Home tab ──', (first) => renderView(jsonOf(home), { firstControl: first }), { kind: 'view', viewId: home.id });
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
    const home = viewer.homeRequested ? slack.views.home(viewer.user.id) : undefined;
    if (home && !viewsShown.has(home.id)) {
      add('── Home tab (as last published) ──', (first) => renderView(jsonOf(home), { firstControl: first }), { kind: 'view', viewId: home.id });
    }
    if (out.length === 0) out.push('(kpibot acknowledged; nothing came back)');
    const shownSomething = controls.length > 0 || rendered.length > 0 || home || events.some((e) => e.response || e.call?.method.startsWith('views.') || e.call?.method.startsWith('chat.'));
    return shownSomething ? controls : undefined;
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
}
