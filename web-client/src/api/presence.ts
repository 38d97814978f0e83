import { request } from './http.ts';
import type { PresenceList, UUID } from './types.ts';

export const presenceApi = {
  /** 1..100 user ids. */
  of: (userIds: UUID[]) => request<PresenceList>('/api/presence', { query: { userIds: userIds.join(',') } }),
};
