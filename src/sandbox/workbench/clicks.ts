/**
 * `click <n>` and `click <label>`: the block_actions Slack sends when the person presses a button or
 * picks from a menu, with the context of where the control is (a message or a view).
 */
import type { SurfacedControl } from './effects.js';
import type { ModalSession } from './modal-session.js';
import { typedState } from './modal-state.js';
import { WorkbenchError, type WorkbenchPort } from './port.js';
import { renderMrkdwn, type InputField } from './render.js';
import { isObject, type Json } from './records.js';

/** The number of the control whose label is `label` (exactly, else the first that contains it). */
export function numberOf(controls: readonly SurfacedControl[], label: string): number {
  const wanted = label.toLowerCase();
  const control = controls.find((c) => c.label.toLowerCase() === wanted) ?? controls.find((c) => c.label.toLowerCase().includes(wanted));
  if (!control) throw new WorkbenchError(`The last output has no button "${label}"; its buttons: ${controls.map((c) => `[${c.number}] ${c.label}`).join('  ') || 'none'}.`);
  return control.number;
}

export async function click(
  port: WorkbenchPort,
  modal: ModalSession,
  controls: readonly SurfacedControl[],
  target: { number: number; choice: string | undefined },
  out: string[],
): Promise<boolean> {
  const { number, choice } = target;
  const control = controls.find((c) => c.number === number);
  if (!control) {
    throw new WorkbenchError(controls.length === 0 ? 'There is nothing to click: the last output had no buttons.' : `There is no [${number}]; the last output has [1] to [${controls.length}].`);
  }
  const action = actionOf(control, choice);
  const confirm = isObject(control.element.confirm) ? control.element.confirm : undefined;
  if (confirm) out.push(`(Slack asks "${renderMrkdwn(isObject(confirm.text) ? String(confirm.text.text ?? '') : '')}" — confirmed)`);
  const surface = control.surface;
  const { sandbox, user } = port;
  if (surface.kind === 'view') {
    const view = modal.viewId() === surface.viewId ? modal.payload() : sandbox.slack.views.byId(surface.viewId);
    if (!view) throw new WorkbenchError('That view is gone: its buttons cannot be pressed any more.');
    return port.request(out, () => sandbox.driver.action({ user: user.id, actions: [action], view }));
  }
  return port.request(out, () =>
    sandbox.driver.action({
      user: user.id,
      actions: [action],
      channel: { id: surface.channel, name: sandbox.channels.find((c) => c.id === surface.channel)?.name ?? surface.channel },
      message: { ts: surface.ts, text: surface.text, blocks: surface.blocks },
      container: { type: 'message', message_ts: surface.ts, channel_id: surface.channel, is_ephemeral: surface.ephemeral },
    }),
  );
}

/** The action as block_actions carries it: a button's text and value, or a menu's chosen option. */
function actionOf(control: SurfacedControl, choice: string | undefined): Json & { action_id: string } {
  const action: Json & { action_id: string } = { action_id: control.actionId, type: control.type, ...(control.blockId ? { block_id: control.blockId } : {}) };
  if (control.type === 'button') {
    action.text = { type: 'plain_text', text: control.label, emoji: true };
    if (control.value !== undefined) action.value = control.value;
    return action;
  }
  if (choice === undefined) {
    const choices = (control.options ?? []).map((o, i) => `${i + 1}) ${o.text}`).join(', ');
    throw new WorkbenchError(`[${control.number}] is a menu: say which choice, e.g. click ${control.number} 1${choices ? ` (${choices})` : ''}.`);
  }
  const field: InputField = { blockId: control.blockId ?? '', actionId: control.actionId, label: `[${control.number}]`, type: control.type === 'overflow' ? 'static_select' : control.type, optional: true, dispatches: true, element: control.element };
  const { type: _type, ...selected } = typedState(field, choice, control.options ?? []);
  return { ...action, ...selected };
}
