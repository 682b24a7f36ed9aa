/** Owners as people: the Gtmhub user directory, the Slack member directory, the matching and the resolver. */
export { BackgroundList, PEOPLE_MAX_AGE_MS, type Loaded } from './background-list.js';
export { PeopleSourceRefusedError } from './errors.js';
export { GtmhubUserDirectory, GTMHUB_USERS_FORBIDDEN_LOG, type GtmhubUsersState } from './gtmhub-users.js';
export { LinksCache, LINKS_MAX_AGE_MS } from './links-cache.js';
export { comparableEmail, isPerson, matchPeople, SLACKBOT_ID, type Match, type MatchedBy, type NoMatchReason, type PeopleMatches } from './matching.js';
export { People, ownerMappingOf, type GtmhubUserAnswer, type GtmhubUserLookup, type OwnerAnswer, type PeopleView } from './people.js';
export type * from './ports.js';
export { readAllMembers, SlackMemberDirectory, MAX_MEMBER_PAGES, type SlackMembersState } from './slack-members.js';
