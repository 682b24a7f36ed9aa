import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Slack's manifest schema (MIT, see test/fixtures/slack/LICENSE), kept in the repository so a clean clone validates too.
const schemaPath = path.join(root, 'test/fixtures/slack/manifest.schema.1.0.0.json');
const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as Record<string, any>;

describe('manifest.yml', () => {
  it(
    "validates against Slack's manifest schema",
    () => {
      const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
      // Non-strict: Slack's schema uses keywords (e.g. "regex") that Ajv's strict mode rejects.
      const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
      const validate = ajv.compile(schema);
      const valid = validate(manifest);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it('sends commands, interactions, options and events to the one endpoint kpibot serves', () => {
    const urls = [
      manifest.features.slash_commands[0].url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      manifest.settings.interactivity.message_menu_options_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });

  it('declares the /kpi command and the Home tab with app_home_opened', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/kpi']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
  });
});

describe('manifest.yml and the code agree', () => {
  it('offers the three Workflow Builder steps with the inputs and outputs their listeners read and write', async () => {
    const { StepIds } = await import('../src/slack/ids.js');
    const steps = Object.values(StepIds);
    expect(Object.keys(manifest.functions).sort()).toEqual(steps.map((s) => s.callbackId).sort());
    for (const step of steps) {
      const fn = manifest.functions[step.callbackId];
      expect(fn.title, step.callbackId).toEqual(expect.any(String));
      expect(Object.keys(fn.input_parameters).sort(), step.callbackId).toEqual(Object.values(step.inputs).sort());
      expect(Object.keys(fn.output_parameters).sort(), step.callbackId).toEqual(Object.values(step.outputs).sort());
    }
    expect(manifest.functions.log_kpi_value.input_parameters).toMatchObject({
      kpi: { type: 'string', is_required: true },
      value: { type: 'string', is_required: true },
      period: { type: 'string', is_required: false },
      user: { type: 'slack#/types/user_id', is_required: false },
      time_zone: { type: 'string', is_required: false },
    });
    expect(manifest.functions.get_kpi_value.output_parameters).toMatchObject({ value: { type: 'number' }, formatted: { type: 'string' }, link: { type: 'string' } });
    expect(manifest.functions.list_kpis_not_updated.input_parameters).toMatchObject({ group: { type: 'string' }, owner: { type: 'slack#/types/user_id' } });
    expect(manifest.functions.list_kpis_not_updated.output_parameters).toMatchObject({ text: { type: 'string' }, count: { type: 'integer' } });
  });

  it('is org-ready and subscribed to function_executed, as Workflow Builder steps require', () => {
    expect(manifest.settings.org_deploy_enabled).toBe(true);
    expect(manifest.settings.function_runtime).toBe('remote');
    expect(manifest.settings.event_subscriptions.bot_events).toContain('function_executed');
  });

  it('names the global shortcut with the callback id the listener matches', async () => {
    const { CallbackIds } = await import('../src/slack/ids.js');
    const shortcut = manifest.features.shortcuts.find((s: { type: string }) => s.type === 'global');
    expect(shortcut.callback_id).toBe(CallbackIds.logValueShortcut);
  });
});

/**
 * The bot scopes each Slack Web API method kpibot calls needs, from Slack's method reference
 * (https://docs.slack.dev/reference/methods), for the conversations kpibot works in: public and
 * private channels. `widens` are scopes that let the method reach further without being required
 * (chat:write.public: post in a public channel the bot is not a member of).
 */
const SCOPES_OF: Record<string, { needs: string[]; widens?: string[] }> = {
  'auth.test': { needs: [] },
  'chat.postMessage': { needs: ['chat:write'], widens: ['chat:write.public'] },
  'chat.postEphemeral': { needs: ['chat:write'] },
  'chat.update': { needs: ['chat:write'] },
  'chat.delete': { needs: ['chat:write'] },
  'chat.unfurl': { needs: ['links:write'] },
  'conversations.history': { needs: ['channels:history', 'groups:history'] },
  'conversations.replies': { needs: ['channels:history', 'groups:history'] },
  'conversations.info': { needs: ['channels:read', 'groups:read'] },
  'conversations.members': { needs: ['channels:read', 'groups:read'] },
  'conversations.join': { needs: ['channels:join'] },
  'conversations.open': { needs: ['im:write'] },
  'files.getUploadURLExternal': { needs: ['files:write'] },
  'files.completeUploadExternal': { needs: ['files:write'] },
  'users.info': { needs: ['users:read'] },
  // users:read lists members; users:read.email puts their profile emails in the list, which owner matching reads.
  'users.list': { needs: ['users:read', 'users:read.email'] },
  'views.open': { needs: [] },
  'views.update': { needs: [] },
  'views.push': { needs: [] },
  'views.publish': { needs: [] },
};

/** Scopes no Web API call needs: `commands` (slash commands and shortcuts), `links:read` (the link_shared event). */
const SCOPES_WITHOUT_A_CALL = ['commands', 'links:read'];

/** Slack's method families (the part before the dot), so that `deps.catalogue.get(` is not read as a call. */
const FAMILIES = 'admin|apps|assistant|auth|bookmarks|bots|calls|canvases|chat|conversations|dialog|dnd|emoji|files|functions|oauth|pins|reactions|reminders|search|stars|team|usergroups|users|views|workflows';
const CALL = new RegExp(`\\.(${FAMILIES})\\.([a-zA-Z]+)\\s*(?:<[^>]*>)?\\(`, 'g');
const API_CALL = /\bapiCall\(\s*['"`]((?:[a-z]+)\.[a-zA-Z.]+)['"`]/g;

/** Every Web API method named in a call in `src/**`, except the simulators and benchmarks (which play Slack). */
function webApiMethodsCalled(): Map<string, string[]> {
  const src = path.join(root, 'src');
  const found = new Map<string, string[]>();
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    const relative = file.split(path.sep).join('/');
    if (!relative.endsWith('.ts') || relative.startsWith('sandbox/') || relative.startsWith('bench/')) continue;
    // Comments name methods too ("chat.postMessage/postEphemeral"): only code counts.
    const code = readFileSync(path.join(src, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
    const methods = [...code.matchAll(CALL)].map((m) => `${m[1]}.${m[2]}`).concat([...code.matchAll(API_CALL)].map((m) => m[1]!));
    for (const method of methods) found.set(method, [...(found.get(method) ?? []), `src/${relative}`]);
  }
  return found;
}

describe('manifest.yml scopes and the Web API methods the code calls', () => {
  const called = webApiMethodsCalled();
  const botScopes: string[] = manifest.oauth_config.scopes.bot;

  it('finds the calls it checks (the scan itself works)', () => {
    expect([...called.keys()]).toEqual(expect.arrayContaining(['chat.postMessage', 'users.info', 'views.open']));
  });

  it('knows the scopes of every method the code calls', () => {
    const unknown = [...called].filter(([method]) => SCOPES_OF[method] === undefined).map(([method, files]) => `${method} (${files.join(', ')})`);
    // Add each to SCOPES_OF with the bot scopes its page in Slack's method reference lists.
    expect(unknown).toEqual([]);
  });

  it('requests every scope the calls need', () => {
    const needed = new Set([...called.keys()].flatMap((method) => SCOPES_OF[method]?.needs ?? []));
    expect([...needed].filter((scope) => !botScopes.includes(scope))).toEqual([]);
  });

  it('requests no bot scope that no call needs', () => {
    const used = new Set([...SCOPES_WITHOUT_A_CALL, ...[...called.keys()].flatMap((method) => [...(SCOPES_OF[method]?.needs ?? []), ...(SCOPES_OF[method]?.widens ?? [])])]);
    expect(botScopes.filter((scope) => !used.has(scope))).toEqual([]);
  });
});
