import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { messagesApi } from '../../api/messages.ts';
import type { UUID } from '../../api/types.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { qk } from '../../app/queryKeys.ts';
import { mergeLatest, type LatestMap } from './cache.ts';
import { mergeLatestPage, prependOlder, type MessageWindow } from './window.ts';

export const LATEST_PAGE = 50;
export const OLDER_PAGE = 100;

/**
 * The open conversation's messages: the latest page first (merged with whatever pushes already brought),
 * then older pages on demand. The stream engine keeps it live from there.
 */
export function useMessageWindow(conversationId: UUID) {
  const queryClient = useQueryClient();
  const { engine } = useChat();
  const query = useQuery({
    queryKey: qk.messages(conversationId),
    queryFn: async ({ signal }): Promise<MessageWindow> => {
      const page = await messagesApi.history(conversationId, {}, LATEST_PAGE, signal);
      const merged = mergeLatestPage(queryClient.getQueryData<MessageWindow>(qk.messages(conversationId)), page);
      // The page reflects every change up to lastSeq (reactions and edits included): follow from there, so none
      // is applied twice.
      const top = Math.max(page.lastSeq ?? 0, page.items.length ? page.items[page.items.length - 1]!.seq : 0);
      const last = page.items[page.items.length - 1];
      if (last) queryClient.setQueryData<LatestMap>(qk.latest, (prev) => mergeLatest(prev, [last]));
      // after the cache holds `merged`
      setTimeout(() => engine.hold(conversationId, top), 0);
      return merged;
    },
    staleTime: (q) => (q.state.data?.loaded ? Infinity : 0),
    gcTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: (n, err) => (err as { status?: number }).status !== 404 && n < 3,
  });

  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<unknown>(null);
  const inflight = useRef(false);

  const loadOlder = useCallback(async () => {
    const w = queryClient.getQueryData<MessageWindow>(qk.messages(conversationId));
    if (inflight.current || !w || !w.loaded || !w.hasOlder || w.messages.length === 0) return;
    inflight.current = true;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await messagesApi.history(conversationId, { beforeSeq: w.messages[0]!.seq }, OLDER_PAGE);
      queryClient.setQueryData<MessageWindow>(qk.messages(conversationId), (cur) => (cur ? prependOlder(cur, page) : cur));
    } catch (e) {
      setOlderError(e);
    } finally {
      inflight.current = false;
      setLoadingOlder(false);
    }
  }, [conversationId, queryClient]);

  return { ...query, loadOlder, loadingOlder, olderError };
}
