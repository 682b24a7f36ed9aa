import { randomBytes } from 'node:crypto';
import { SlackMethodError } from './errors.js';
import type { SimChannel, SimEphemeral, SimMessage, SimUser, SimView } from './types.js';

/**
 * The simulated workspace's state and the rules Slack applies to it (who may post where, which
 * trigger_id is still good). Web API handlers read and change it; tests inspect it through the
 * simulator. Everything time-dependent reads the injected clock.
 */
export interface WorkspaceOptions {
  teamId: string;
  teamName: string;
  teamDomain: string;
  appId: string;
  botUserId: string;
  botId: string;
  users: SimUser[];
  channels: SimChannel[];
  triggerTtlMs: number;
  now: () => number;
}

/** A place a message can go: a channel, or the bot's DM with one user. */
export type Conversation =
  | { kind: 'channel'; id: string; channel: SimChannel; members: string[] }
  | { kind: 'im'; id: string; user: string; members: string[] };

interface Trigger {
  issuedAt: number;
  used: boolean;
  /** The view whose interaction produced the trigger: where `views.push` stacks a new view. */
  viewId?: string;
  userId?: string;
}

export class SimWorkspace {
  readonly users = new Map<string, SimUser>();
  readonly channels = new Map<string, SimChannel>();
  /** DM channel id by user id, created on first use as `conversations.open` does. */
  readonly ims = new Map<string, string>();
  readonly messages: SimMessage[] = [];
  readonly ephemerals: SimEphemeral[] = [];
  readonly views = new Map<string, SimView>();
  /** Views as they were when opened or pushed, in that order (later updates do not change them). */
  readonly openedViews: SimView[] = [];
  /** Home tab view id by user id. */
  readonly homes = new Map<string, string>();
  private readonly triggers = new Map<string, Trigger>();
  private lastTsMicros = 0;
  private counter = 0;

  constructor(readonly options: WorkspaceOptions) {
    for (const u of options.users) this.users.set(u.id, { ...u });
    for (const c of options.channels) this.channels.set(c.id, { ...c, members: [...c.members] });
  }

  get now(): number {
    return this.options.now();
  }

  /** A message ts: seconds.microseconds from the clock, strictly increasing so it stays unique. */
  nextTs(): string {
    const micros = Math.max(this.options.now() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /** An id in Slack's style: a type letter, then upper-case alphanumerics. */
  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter.toString(36).toUpperCase().padStart(4, '0')}${randomBytes(3).toString('hex').toUpperCase()}`;
  }

  /** A view hash as Slack makes them: `<seconds>.<random>`, new on every change. */
  nextHash(): string {
    return `${Math.floor(this.options.now() / 1000)}.${randomBytes(6).toString('hex')}`;
  }

  issueTrigger(context: { viewId?: string; userId?: string } = {}): string {
    this.counter += 1;
    const id = `${this.counter}${Math.floor(this.options.now() / 1000)}.${this.options.teamId.replace(/\D/g, '') || '0'}${this.counter}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt: this.options.now(), used: false, ...context });
    return id;
  }

  /** Exchanges a trigger_id for the right to open or push a view: once, within the TTL. */
  consumeTrigger(id: string): Trigger {
    const trigger = this.triggers.get(id);
    if (trigger === undefined) throw new SlackMethodError('invalid_trigger_id');
    if (trigger.used) throw new SlackMethodError('exchanged_trigger_id');
    if (this.options.now() - trigger.issuedAt > this.options.triggerTtlMs) throw new SlackMethodError('expired_trigger_id');
    trigger.used = true;
    return trigger;
  }

  findUser(id: string): SimUser {
    const user = this.users.get(id);
    if (user === undefined) throw new SlackMethodError('user_not_found');
    return user;
  }

  imFor(userId: string): string {
    const user = this.findUser(userId);
    const id = this.ims.get(user.id) ?? imIdOf(user.id);
    this.ims.set(user.id, id);
    return id;
  }

  /**
   * The conversation id `channelArg` names, as `resolve` would find it but without opening a DM:
   * what the rate limiter keys a channel's posts on. Undefined when nothing matches.
   */
  conversationIdOf(channelArg: string): string | undefined {
    if (/^[UW]/.test(channelArg) && this.users.has(channelArg)) return this.ims.get(channelArg) ?? imIdOf(channelArg);
    if ([...this.ims.values()].includes(channelArg)) return channelArg;
    const byName = channelArg.replace(/^#/, '');
    return (this.channels.get(channelArg) ?? [...this.channels.values()].find((c) => c.name === byName))?.id;
  }

  /**
   * Resolves what `channel` arguments accept: a channel id, `#name` or `name`, a DM id, or a user
   * id (Slack then posts to the bot's DM with that user).
   */
  resolve(channelArg: string): Conversation {
    if (/^[UW]/.test(channelArg) && this.users.has(channelArg)) {
      const user = channelArg;
      return { kind: 'im', id: this.imFor(user), user, members: [user, this.options.botUserId] };
    }
    for (const [user, id] of this.ims) {
      if (id === channelArg) return { kind: 'im', id, user, members: [user, this.options.botUserId] };
    }
    const byName = channelArg.replace(/^#/, '');
    const channel = this.channels.get(channelArg) ?? [...this.channels.values()].find((c) => c.name === byName);
    if (channel === undefined) throw new SlackMethodError('channel_not_found');
    return { kind: 'channel', id: channel.id, channel, members: channel.members };
  }

  /**
   * A conversation the bot can see. A private channel the bot is not in does not exist for it
   * (`channel_not_found`); a public one it has not joined answers `not_in_channel`, as it does for
   * an app without the `chat:write.public` scope.
   */
  visibleToBot(channelArg: string, { mustBeMember }: { mustBeMember: boolean }): Conversation {
    const conversation = this.resolve(channelArg);
    if (conversation.kind === 'im') return conversation;
    const isMember = conversation.members.includes(this.options.botUserId);
    if (conversation.channel.is_private && !isMember) throw new SlackMethodError('channel_not_found');
    if (mustBeMember && !isMember) throw new SlackMethodError('not_in_channel');
    return conversation;
  }

  /** A conversation the bot may post in: visible, joined, not archived. */
  postableByBot(channelArg: string): Conversation {
    const conversation = this.visibleToBot(channelArg, { mustBeMember: false });
    if (conversation.kind === 'channel' && conversation.channel.is_archived) throw new SlackMethodError('is_archived');
    if (conversation.kind === 'channel' && !conversation.members.includes(this.options.botUserId)) throw new SlackMethodError('not_in_channel');
    return conversation;
  }

  findMessage(channelId: string, ts: string): SimMessage {
    const message = this.messages.find((m) => m.channel === channelId && m.ts === ts);
    if (message === undefined) throw new SlackMethodError('message_not_found');
    return message;
  }

  messagesIn(channelId: string): SimMessage[] {
    return this.messages.filter((m) => m.channel === channelId);
  }
}

/** A user's DM id with the bot, as the simulator makes them. */
function imIdOf(userId: string): string {
  return `D${userId.slice(1)}`;
}
