/**
 * The modal the developer has open: what was typed into it, its typeaheads, submitting and
 * closing it — what Slack's client does between opening a modal and sending its submission.
 */
import type { SimView } from '../slack/index.js';
import { chooseOption, formState, typedState } from './modal-state.js';
import { WorkbenchError, SLACK_ACK_DEADLINE_MS, type WorkbenchPort } from './port.js';
import { choicesOf, renderView, type ChoiceOption, type InputField, type StateValues } from './render.js';
import { describeTyped, isObject, jsonOf, type Json } from './records.js';

interface OpenModal {
  view: SimView;
  /** What was typed, by block and action id; Slack keeps it across updates of the same view. */
  typed: StateValues;
}

export class ModalSession {
  private modal: OpenModal | undefined;
  private suggestions: { blockId: string; options: ChoiceOption[] } | undefined;

  /** The open modal's title, for the prompt; undefined when none is open. */
  title(): string | undefined {
    return this.modal ? (this.modal.view.title?.text ?? 'modal') : undefined;
  }

  /** The open modal's id, for the controls rendered in it. */
  viewId(): string | undefined {
    return this.modal?.view.id;
  }

  /** Follows the user's modal: a new one starts with nothing typed; an update keeps what was. */
  track(view: SimView): void {
    if (this.modal && this.modal.view.root_view_id === view.root_view_id) {
      this.modal.view = view;
      return;
    }
    this.modal = { view, typed: {} };
    this.suggestions = undefined;
  }

  /** Another person acts now: they do not see this person's modal. */
  forget(): void {
    this.modal = undefined;
  }

  inputs(): InputField[] {
    return this.modal ? renderView(jsonOf(this.modal.view)).inputs : [];
  }

  /** `view.state.values` as Slack would send it now. */
  state(): StateValues {
    return this.modal ? formState(this.inputs(), this.modal.typed) : {};
  }

  /** The open modal as a request carries it, with what was typed. */
  payload(): SimView {
    const modal = this.requireModal();
    return { ...modal.view, state: { values: this.state() } };
  }

  private requireModal(): OpenModal {
    if (!this.modal) throw new WorkbenchError('No modal is open: open one first (e.g. /kpi log).');
    return this.modal;
  }

  async suggest(port: WorkbenchPort, text: string, out: string[]): Promise<boolean> {
    this.requireModal();
    const typeaheads = this.inputs().filter((i) => i.type.endsWith('external_select'));
    if (typeaheads.length === 0) throw new WorkbenchError('The open modal has no typeahead (external select).');
    // With several typeaheads, a first word naming one (label or block id) picks it.
    const [first = '', ...rest] = text.split(/\s+/);
    const named = typeaheads.length > 1 ? typeaheads.find((t) => [t.blockId, t.label].some((n) => n.toLowerCase() === first.toLowerCase())) : undefined;
    const field = named ?? typeaheads[0]!;
    const options = await this.fetchOptions(port, field, named ? rest.join(' ') : text);
    out.push(options.length === 0 ? `No options for "${text}".` : `${options.length} option${options.length === 1 ? '' : 's'} for ${field.label} (type ${field.label} <n> to pick one):`);
    options.slice(0, 20).forEach((o, i) => out.push(`  ${i + 1}) ${o.text}   (${o.value})`));
    if (options.length > 20) out.push(`  … and ${options.length - 20} more`);
    return true;
  }

  /** A block_suggestion, as Slack sends one per keystroke; remembers the answer for `type`. */
  private async fetchOptions(port: WorkbenchPort, field: InputField, value: string): Promise<ChoiceOption[]> {
    const started = Date.now();
    const response = await port.sandbox.driver.suggestion({ actionId: field.actionId, blockId: field.blockId, value, view: this.payload(), user: port.user.id });
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

  /** `type <input> <value>`: fills an input as the user would, telling kpibot at once when the input dispatches actions. */
  async type(port: WorkbenchPort, rest: string, out: string[]): Promise<boolean> {
    const modal = this.requireModal();
    const { field, value } = this.findInput(rest);
    let state: Json;
    if (field.type.endsWith('external_select')) {
      const picked: ChoiceOption[] = [];
      for (const item of field.type.startsWith('multi_') ? value.split(',').map((v) => v.trim()).filter(Boolean) : value ? [value] : []) {
        picked.push(await this.pickSuggestion(port, field, item));
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
    return port.request(out, () =>
      port.sandbox.driver.action({
        user: port.user.id,
        actions: [{ action_id: field.actionId, block_id: field.blockId, type: field.type, ...value_ }],
        view: this.payload(),
      }),
    );
  }

  /** The option a user would pick after typing `item`: the one named, else the best suggestion. */
  private async pickSuggestion(port: WorkbenchPort, field: InputField, item: string): Promise<ChoiceOption> {
    const last = this.suggestions?.blockId === field.blockId ? this.suggestions.options : [];
    const known = chooseOption(last, item);
    if (known) return known;
    const fresh = await this.fetchOptions(port, field, item);
    const picked = chooseOption(fresh, item) ?? fresh[0];
    if (!picked) throw new WorkbenchError(`kpibot offers no option for "${item}" in ${field.label}.`);
    return picked;
  }

  /** `submit`: the view_submission, and what its answer does to the modal (errors, update, push, close). */
  async submit(port: WorkbenchPort, out: string[]): Promise<boolean> {
    const view = this.payload();
    return port.request(
      out,
      () => port.sandbox.driver.submitView({ view, user: port.user.id }),
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
            const shown = answeredView(view, isObject(answer.view) ? answer.view : {}, answer.response_action === 'push');
            if (answer.response_action === 'push') this.modal = { view: shown, typed: {} };
            else this.requireModal().view = shown;
            const r = renderView(jsonOf(shown), { firstControl: 1, state: this.state() });
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

  /** `close`: Slack tells the app only when the view asked for it (notify_on_close). */
  async close(port: WorkbenchPort, out: string[]): Promise<boolean> {
    const modal = this.requireModal();
    this.modal = undefined;
    if (!modal.view.notify_on_close) {
      out.push('── modal closed ──');
      return true;
    }
    return port.request(out, () => port.sandbox.driver.closeView({ view: modal.view, user: port.user.id }));
  }
}

/**
 * The view a submission's `update` or `push` answer shows: the answer replaces the view's content,
 * and Slack keeps its identity (id, stack, owner).
 */
function answeredView(base: SimView, next: Json, pushed: boolean): SimView {
  const { id: _id, blocks: _b, title: _t, submit: _s, close: _c, callback_id: _cb, private_metadata: _pm, ...identity } = base;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const text = (v: unknown): SimView['title'] | undefined => (isObject(v) && typeof v.text === 'string' ? { type: 'plain_text', text: v.text } : undefined);
  const title = text(next.title);
  return {
    ...identity,
    id: pushed ? `${base.id}-pushed` : base.id,
    blocks: Array.isArray(next.blocks) ? next.blocks : [],
    submit: text(next.submit) ?? null,
    close: text(next.close) ?? null,
    callback_id: str(next.callback_id),
    private_metadata: str(next.private_metadata),
    external_id: typeof next.external_id === 'string' ? next.external_id : identity.external_id,
    notify_on_close: typeof next.notify_on_close === 'boolean' ? next.notify_on_close : identity.notify_on_close,
    clear_on_close: typeof next.clear_on_close === 'boolean' ? next.clear_on_close : identity.clear_on_close,
    ...(title ? { title } : {}),
  };
}
