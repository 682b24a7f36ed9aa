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
