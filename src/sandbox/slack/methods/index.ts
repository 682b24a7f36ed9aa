import { authMethods } from './auth.js';
import { chatMethods } from './chat.js';
import { conversationsMethods } from './conversations.js';
import type { MethodHandler } from './handler.js';
import { usersMethods } from './users.js';
import { usersDirectoryMethods } from './users-directory.js';
import { viewsMethods } from './views.js';

export type { MethodHandler } from './handler.js';

/** Every Web API method the simulator answers; any other name gets `unknown_method`. */
export const methods: Readonly<Record<string, MethodHandler>> = {
  ...authMethods,
  ...chatMethods,
  ...conversationsMethods,
  ...usersMethods,
  ...usersDirectoryMethods,
  ...viewsMethods,
};
