import { request } from './http.ts';
import type { User, UserSearchResult, UUID } from './types.ts';

export const usersApi = {
  me: () => request<User>('/api/users/me'),
  byId: (id: UUID) => request<User>(`/api/users/${encodeURIComponent(id)}`),
  search: (q: string, limit = 20, signal?: AbortSignal) =>
    request<UserSearchResult>('/api/users', { query: { q, limit }, signal }),
};
