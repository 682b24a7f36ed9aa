/**
 * The sandbox workbench: the developer acts as a Slack user, each line becomes the request Slack
 * would send (signed, with live trigger ids and response URLs), and whatever kpibot did in
 * return (replies, messages, modals, the Home tab) is rendered as text with numbered controls.
 *
 * This file dispatches commands and sends requests; what came back is rendered in effects.ts, the
 * open modal is driven in modal-session.ts, and clicks are built in clicks.ts.
 */
import type { SimChannel, SimUser } from '../slack/index.js';
import { checkinNow } from './checkins.js';
import { runDueAt } from './due.js';
import { click, numberOf } from './clicks.js';
import { parseWorkbenchLine, WORKBENCH_HELP, WorkbenchUsageError, type WorkbenchCommand } from './commands.js';
import { Effects, type SurfacedControl } from './effects.js';
import { sandboxGtmhubToken, type Sandbox } from './environment.js';
import { ModalSession } from './modal-session.js';
import { SLACK_ACK_DEADLINE_MS, WorkbenchError, type DriverAnswer, type WorkbenchPort } from './port.js';
import type { Rendered } from './render.js';
import { compactLogLine, describeUser, listCalls } from './records.js';
import { runWorkflowStep } from './step-run.js';
import { writeSnapshot } from './gtmhub-writes.js';

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

export class Workbench implements WorkbenchPort {
  user: SimUser;
  channel: SimChannel;
  readonly sandbox: Sandbox;
  private readonly write: (text: string) => void;
  private readonly settleMs: number;
  private readonly modal = new ModalSession();
  private readonly effects: Effects;
  private controls: SurfacedControl[] = [];
  private lastOutput = '';
  /** The Home tab is shown in full when asked for; republished after other commands, it gets one line. */
  private homeRequested = false;

  constructor(options: WorkbenchOptions) {
    this.sandbox = options.sandbox;
    this.write = options.write;
    this.settleMs = options.settleMs ?? 15_000;
    const { slack, users, channels } = options.sandbox;
    this.user = users.find((u) => !u.is_bot && !u.deleted)!;
    this.channel = channels.find((c) => c.members.includes(slack.botUserId) && !c.is_archived) ?? channels[0]!;
    this.effects = new Effects(options.sandbox);
  }

  prompt(): string {
    const title = this.modal.title();
    return `${this.user.name} in #${this.channel.name}${title !== undefined ? ` [${title}]` : ''}> `;
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
      const known = error instanceof WorkbenchUsageError || error instanceof WorkbenchError || hasCode(error);
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
      case 'click': {
        const target = 'label' in command ? { number: numberOf(this.controls, command.label), choice: undefined } : { number: command.number, choice: command.choice };
        return click(this, this.modal, this.controls, target, out);
      }
      case 'type':
        return this.modal.type(this, command.rest, out);
      case 'suggest':
        return this.modal.suggest(this, command.text, out);
      case 'submit':
        return this.modal.submit(this, out);
      case 'close':
        return this.modal.close(this, out);
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
      case 'in':
        return this.moveTo(command.channel, out);
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
      case 'snapshot':
        return writeSnapshot(this.sandbox, command.kpi, command.value, this.user.tz, out);
      case 'calls':
        out.push(...listCalls(this.sandbox, command.count));
        return true;
      case 'logs':
        for (const line of this.sandbox.logs.slice(-command.count)) out.push(compactLogLine(line));
        if (out.length === 0) out.push('No log lines yet.');
        return true;
      case 'checkin':
        return this.afterWork(out, () => checkinNow(this.sandbox, this.user, this.channel));
      case 'due':
        return this.afterWork(out, () => runDueAt(this.sandbox, command.offsetMs));
      case 'step':
        return runWorkflowStep(this.sandbox, command, this.settleMs, out);
      case 'expect': {
        const has = this.lastOutput.toLowerCase().includes(command.text.toLowerCase());
        if (has !== command.absent) return true;
        out.push(`! expected the last output ${command.absent ? 'not ' : ''}to contain "${command.text}"`);
        return false;
      }
    }
  }

  /** Sends one request, waits for kpibot's work, renders what it did. */
  async request(out: string[], send: () => Promise<DriverAnswer>, render?: (json: unknown, rendered: Rendered[]) => void): Promise<boolean> {
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
    const controls = this.effects.show({ user: this.user, channel: this.channel, modal: this.modal, homeRequested: this.homeRequested }, out, rendered);
    if (controls) this.controls = controls;
    // Slack would have shown the user an error: a failure of the line, though the work went on.
    if (elapsed <= SLACK_ACK_DEADLINE_MS) return true;
    out.push(`! kpibot took ${elapsed} ms to acknowledge; Slack gives up after 3 s and shows the user an error.`);
    return false;
  }

  /** Runs work of kpibot's own (no request), then renders what it did in Slack. */
  private async afterWork(out: string[], work: () => Promise<string>): Promise<boolean> {
    out.push(await work());
    await this.settle(out);
    const controls = this.effects.show({ user: this.user, channel: this.channel, modal: this.modal, homeRequested: this.homeRequested }, out, []);
    if (controls) this.controls = controls;
    return true;
  }

  private async settle(out: string[]): Promise<void> {
    const done = await this.sandbox.kpibot.deps.background.drain(this.settleMs);
    if (!done) out.push(`(kpibot is still working after ${this.settleMs / 1000} s; what it does later shows after your next command)`);
  }

  private actAs(wanted: string, out: string[]): boolean {
    const w = wanted.replace(/^@/, '').toLowerCase();
    const user = this.sandbox.users.find((u) => u.id.toLowerCase() === w || u.name.toLowerCase() === w || u.real_name.toLowerCase() === w);
    if (!user) throw new WorkbenchError(`No member "${wanted}"; type users for the list.`);
    this.user = user;
    // Another person does not see this person's modal or buttons.
    this.modal.forget();
    this.controls = [];
    out.push(`Now acting as ${describeUser(user)}.`);
    return true;
  }

  private moveTo(wantedChannel: string, out: string[]): boolean {
    const wanted = wantedChannel.replace(/^#/, '').toLowerCase();
    const channel = this.sandbox.channels.find((c) => c.id.toLowerCase() === wanted || c.name.toLowerCase() === wanted);
    if (!channel) throw new WorkbenchError(`No channel "${wantedChannel}"; channels: ${this.sandbox.channels.map((c) => `#${c.name}`).join(', ')}.`);
    this.channel = channel;
    out.push(`Commands now run in #${channel.name} (${channel.id})${channel.members.includes(this.sandbox.slack.botUserId) ? '' : '; kpibot is not a member'}.`);
    return true;
  }
}

/** Errors of the simulators and of kpibot's modules carry a `code`: their message is meant for people. */
function hasCode(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code !== undefined;
}
