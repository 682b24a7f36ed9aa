import { authMethods } from './auth.js';
import { chatMethods } from './chat.js';
import { conversationsMethods } from './conversations.js';
import { filesMethods } from './files.js';
import { functionsMethods } from './functions.js';
import type { MethodHandler } from './handler.js';
import { withSlackFileChecks } from './slack-file-refs.js';
import { unfurlMethods } from './unfurl.js';
import { usersMethods } from './users.js';
import { usersDirectoryMethods } from './users-directory.js';
import { viewsMethods } from './views.js';

export type { MethodHandler } from './handler.js';

/**
 * Every Web API method the simulator answers; any other name gets `unknown_method`. Methods that
 * show blocks first check their slack_file references (slack-file-refs.ts).
 */
export const methods: Readonly<Record<string, MethodHandler>> = withSlackFileChecks({
  ...authMethods,
  ...chatMethods,
  ...conversationsMethods,
  ...usersMethods,
  ...usersDirectoryMethods,
  ...viewsMethods,
  ...filesMethods,
  ...unfurlMethods,
  ...functionsMethods,
});
