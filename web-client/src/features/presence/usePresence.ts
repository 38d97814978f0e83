import { useQuery } from '@tanstack/react-query';
import { presenceApi } from '../../api/presence.ts';
import type { Presence, UUID } from '../../api/types.ts';
import { qk } from '../../app/queryKeys.ts';

export const PRESENCE_POLL_MS = 30_000;

/**
 * Presence of the given users (the visible DM peers), polled every 30 s and on window focus: the server
 * has no presence pushes yet.
 */
export function usePresence(userIds: readonly UUID[]): Record<UUID, Presence> {
  const ids = [...new Set(userIds)].sort();
  const { data } = useQuery({
    queryKey: qk.presence(ids),
    queryFn: async () => {
      const out: Record<UUID, Presence> = {};
      for (let i = 0; i < ids.length; i += 100) {
        const res = await presenceApi.of(ids.slice(i, i + 100));
        for (const p of res.items) out[p.userId] = p;
      }
      return out;
    },
    enabled: ids.length > 0,
    refetchInterval: PRESENCE_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: 'always',
    staleTime: 10_000,
    placeholderData: (prev) => prev,
  });
  return data ?? {};
}
