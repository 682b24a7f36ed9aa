import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = path.resolve(root, '../shared/slack/manifest.schema.1.0.0.json');
const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as Record<string, any>;

describe('manifest.yml', () => {
  // The schema lives beside the repository (shared/), which a standalone clone may not have.
  it.skipIf(!existsSync(schemaPath))(
    `validates against Slack's manifest schema (skipped when ${schemaPath} is absent)`,
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
  it('names the global shortcut with the callback id the listener matches', async () => {
    const { CallbackIds } = await import('../src/slack/ids.js');
    const shortcut = manifest.features.shortcuts.find((s: { type: string }) => s.type === 'global');
    expect(shortcut.callback_id).toBe(CallbackIds.logValueShortcut);
  });
});
