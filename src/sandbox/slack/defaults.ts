/**
 * The one sandbox workspace that the simulator, the payload builders and the driver agree on, so
 * that a payload built with defaults names a team, user and app the simulator knows.
 */
export const SANDBOX_TEAM_ID = 'T0SANDBOX';
export const SANDBOX_TEAM_DOMAIN = 'sandbox';
export const SANDBOX_TEAM_NAME = 'Sandbox';
export const SANDBOX_APP_ID = 'A0KPIBOT';
/** Slack's deprecated verification token; Bolt ignores it but real payloads still carry it. */
export const SANDBOX_VERIFICATION_TOKEN = 'sandboxverificationtoken';
export const SANDBOX_USER_ID = 'U0SANDBOX';
export const SANDBOX_USER_NAME = 'sandbox.user';
export const SANDBOX_BOT_USER_ID = 'U0KPIBOT';
export const SANDBOX_BOT_ID = 'B0KPIBOT';
export const SANDBOX_BOT_TOKEN = 'xoxb-sandbox';
/** The app-level token that opens Socket Mode connections (apps.connections.open). */
export const SANDBOX_APP_TOKEN = 'xapp-sandbox';
export const SANDBOX_CHANNEL_ID = 'C0GENERAL';
export const SANDBOX_CHANNEL_NAME = 'general';
