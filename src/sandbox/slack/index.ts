/** The Slack sandbox: a Web API simulator, Slack-signed requests to the app, and Slack's payloads. */
export { startSlackSimulator, type SlackSimulator, type SlackSimulatorOptions } from './server.js';
export { createSlackDriver, SLACK_ACK_TIMEOUT_MS, type SlackDriver, type SlackDriverOptions, type SendOptions, type DriverResponse } from './driver.js';
export { signSlackRequest } from './sign.js';
export { socketModePayload, type EnvelopeType, type SocketModeAck } from './socket-mode.js';
export * from './payloads.js';
export * from './defaults.js';
export { defaultChannels, defaultUsers } from './fixtures.js';
export { demoSlackMembers, SLACKBOT } from './demo-members.js';
export { checkMessageBlocks, checkView, type BlockKitProblem } from './block-kit-limits.js';
export { SimulatorWaitTimeoutError, SlackDriverError, SlackMethodError, SocketModeNotConnectedError } from './errors.js';
export type * from './types.js';
export { saveUploadsTo } from './methods/file-sink.js';
export type { RecordedUnfurl, SimFile } from './methods/files-state.js';
export { METHOD_TIERS, SLACK_LIKE_LIMITS, TIER_CALLS_PER_MINUTE, WORKSPACE_POSTS_PER_MINUTE, CHANNEL_POST_INTERVAL_MS, type SlackLimits, type Tier } from './rate-model.js';
export { floorOfRun, floorCallsOf, type FloorCall, type FloorOptions, type RunFloor } from './rate-floor.js';
