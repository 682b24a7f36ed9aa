/**
 * Scopes of the running install. An install keeps the scopes it was granted until someone reinstalls
 * the app, so a kpibot release that asks for a new scope in manifest.yml may run on an install that
 * lacks it. Slack reports the granted scopes in the `x-oauth-scopes` header of every Web API answer,
 * which @slack/web-api's WebClient copies into `response_metadata.scopes` (WebClient.js, "add scopes
 * metadata from headers"). At start kpibot reads them once, turns off each feature whose scopes are
 * missing (instead of failing each call) and logs, per feature, what to do.
 *
 * `featuresOff` is the decision (pure); `readGrantedScopes` the one call that gets the scopes.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../log.js';

/** A feature that needs scopes some installs may not have. */
export interface ScopedFeature {
  /** What the code asks `isOn` about. */
  feature: Feature;
  /** Bot scopes it needs, all of them. */
  needs: readonly string[];
  /** What stays off, for the operator's log line. */
  whatStaysOff: string;
}

export type Feature = 'owners_as_people' | 'link_unfurls';

/**
 * Every feature added after the first release whose scopes an older install may lack. A new entry
 * here, with its scopes in manifest.yml, is all a feature with a new scope needs.
 */
export const SCOPED_FEATURES: readonly ScopedFeature[] = [
  {
    feature: 'owners_as_people',
    needs: ['users:read', 'users:read.email'],
    whatStaysOff: 'KPI owners matched to Slack people by email (owners show as Gtmhub names; manual /kpi link links still work)',
  },
  {
    // Slack sends no link_shared event without links:read, and refuses chat.unfurl without links:write.
    feature: 'link_unfurls',
    needs: ['links:read', 'links:write'],
    whatStaysOff: 'Gtmhub KPI links unfurling into the KPI’s card (the links stay plain links)',
  },
];

export interface FeatureOff {
  feature: Feature;
  missing: string[];
  whatStaysOff: string;
}

/**
 * Which features are off on an install granted `granted`. `undefined` (Slack sent no header, which
 * it does on every authenticated answer) turns nothing off: a call that then lacks a scope fails on
 * its own, and the feature's error handling says so.
 */
export function featuresOff(granted: readonly string[] | undefined, features: readonly ScopedFeature[] = SCOPED_FEATURES): FeatureOff[] {
  if (granted === undefined) return [];
  const have = new Set(granted);
  return features
    .map((f) => ({ feature: f.feature, missing: f.needs.filter((scope) => !have.has(scope)), whatStaysOff: f.whatStaysOff }))
    .filter((f) => f.missing.length > 0);
}

/** The operator's instruction for one feature that is off. */
export function featureOffMessage(off: FeatureOff): string {
  return `${off.whatStaysOff}: off until kpibot is reinstalled, because this install lacks ${off.missing.join(', ')}. Reinstall the app from manifest.yml (api.slack.com/apps → kpibot → Install App → Reinstall to Workspace) to turn it on.`;
}

/** What the rest of kpibot asks: is this feature on for this install? */
export interface InstallScopes {
  /** The granted scopes; undefined when Slack did not say. */
  granted: readonly string[] | undefined;
  off: readonly FeatureOff[];
  isOn(feature: Feature): boolean;
}

export function installScopes(granted: readonly string[] | undefined, logger: Logger, features: readonly ScopedFeature[] = SCOPED_FEATURES): InstallScopes {
  const off = featuresOff(granted, features);
  if (granted === undefined) logger.warn('Slack did not report the install’s scopes (no x-oauth-scopes header); every feature stays on');
  for (const feature of off) logger.warn(featureOffMessage(feature), { feature: feature.feature, missingScopes: feature.missing });
  const offNames = new Set(off.map((f) => f.feature));
  return { granted, off, isOn: (feature) => !offNames.has(feature) };
}

/**
 * The scopes Slack says the bot token has, from one `auth.test` (no scope needed, Tier "special":
 * cheap, and Bolt calls it at start anyway). Undefined when the answer carried no header.
 */
export async function readGrantedScopes(client: WebClient): Promise<string[] | undefined> {
  const answer = await client.auth.test();
  const scopes: unknown = answer.response_metadata?.scopes;
  return Array.isArray(scopes) && scopes.every((s) => typeof s === 'string') ? scopes.filter((s) => s !== '') : undefined;
}
