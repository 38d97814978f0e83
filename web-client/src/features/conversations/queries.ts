import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { conversationsApi } from '../../api/conversations.ts';
import { messagesApi } from '../../api/messages.ts';
import type { Conversation, Member, Message, UUID } from '../../api/types.ts';
import { usersApi } from '../../api/users.ts';
import type { ChatClient } from '../../app/chatClient.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { qk } from '../../app/queryKeys.ts';
import { mergeLatest, type LatestMap } from '../messages/cache.ts';

/** Loads the latest message of each conversation (chunks of 100) and holds their streams from it. */
export async function loadLatest(queryClient: QueryClient, client: ChatClient, ids: UUID[]): Promise<void> {
  const chunks: UUID[][] = [];
  for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
  await Promise.all(
    chunks.map(async (chunk) => {
      try {
        const res = await messagesApi.latest(chunk);
        const found = new Map(res.items.map((i) => [i.conversationId, i.message] as const));
        queryClient.setQueryData<LatestMap>(qk.latest, (prev) => mergeLatest(prev, found.values()));
        for (const id of chunk) client.engine.holdIfNew(id, found.get(id)?.seq ?? 0);
      } catch {
        // no previews (endpoint missing or failing): follow the streams from their first push
        for (const id of chunk) client.engine.holdIfNew(id, null);
      }
    }),
  );
}

export function conversationsQueryOptions(queryClient: QueryClient, client: ChatClient) {
  return {
    queryKey: qk.conversations,
    queryFn: async (): Promise<Conversation[]> => {
      const conversations = await conversationsApi.listAll();
      for (const c of conversations) queryClient.setQueryData(qk.conversation(c.id), c);
      const ids = conversations.map((c) => c.id);
      await loadLatest(queryClient, client, ids);
      const latest = queryClient.getQueryData<LatestMap>(qk.latest) ?? {};
      await client.reads.load(ids, (id) => latest[id]?.seq).catch(() => {
        // no unread states: the badges count what this device loads
      });
      return conversations;
    },
    staleTime: 30_000,
    // conversation.changed pushes announce new conversations; this only covers a push that was lost.
    refetchInterval: 60_000,
  };
}

export function useConversations() {
  const queryClient = useQueryClient();
  const client = useChat();
  return useQuery(conversationsQueryOptions(queryClient, client));
}

export function useLatestMap(): LatestMap {
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: qk.latest,
    queryFn: () => queryClient.getQueryData<LatestMap>(qk.latest) ?? {},
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return data ?? {};
}

/** One conversation: from the list cache when present, else GET /api/conversations/{id}. */
export function useConversation(id: UUID | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: qk.conversation(id ?? ''),
    queryFn: () => conversationsApi.get(id!),
    enabled: !!id,
    staleTime: 60_000,
    initialData: () => queryClient.getQueryData<Conversation[]>(qk.conversations)?.find((c) => c.id === id),
    retry: (n, err) => (err as { status?: number }).status !== 404 && n < 2,
  });
}

export interface ConversationSummary {
  conversation: Conversation;
  latest: Message | undefined;
  /** Latest activity (ms): last message, my pending send, else creation. */
  activity: number;
}

export function useSortedConversations(): {
  items: ConversationSummary[];
  isLoading: boolean;
  error: unknown;
  refetch: () => void;
} {
  const { data, isLoading, error, refetch } = useConversations();
  const latest = useLatestMap();
  const { outbox } = useChat();
  const pending = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);
  const items = useMemo(() => {
    const pendingAt = new Map<UUID, number>();
    for (const p of pending) pendingAt.set(p.conversationId, Math.max(pendingAt.get(p.conversationId) ?? 0, Date.parse(p.createdAt)));
    return (data ?? [])
      .map((conversation) => {
        const m = latest[conversation.id];
        const activity = Math.max(
          m ? Date.parse(m.createdAt) : Date.parse(conversation.createdAt),
          pendingAt.get(conversation.id) ?? 0,
        );
        return { conversation, latest: m, activity };
      })
      .sort((a, b) => b.activity - a.activity || a.conversation.id.localeCompare(b.conversation.id));
  }, [data, latest, pending]);
  return { items, isLoading, error, refetch: () => void refetch() };
}

/** A member's display name, fetched when the conversation did not carry it yet. */
export function useMemberName(member: Pick<Member, 'userId' | 'displayName' | 'username'> | undefined): string {
  const missing = !!member && !member.displayName;
  const { data } = useQuery({
    queryKey: qk.user(member?.userId ?? ''),
    queryFn: () => usersApi.byId(member!.userId),
    enabled: missing,
    staleTime: 5 * 60_000,
  });
  if (!member) return 'Unknown';
  return member.displayName || data?.displayName || member.username || data?.username || 'Someone';
}

export function otherMember(c: Conversation, me: UUID): Member | undefined {
  return c.members.find((m) => m.userId !== me) ?? c.members[0];
}

/** The conversation's name: the other person's for a DM, the title for a group, "# name" for a channel. */
export function useConversationTitle(c: Conversation | undefined, me: UUID): string {
  const peer = c && c.type === 'DIRECT' ? otherMember(c, me) : undefined;
  const peerName = useMemberName(peer);
  if (!c) return '';
  if (c.type === 'DIRECT') return peerName;
  return namedTitle(c);
}

function namedTitle(c: Conversation): string {
  if (c.type === 'CHANNEL') return `# ${c.title || c.slug || 'channel'}`;
  return c.title || 'Untitled group';
}

/** Plain-text title without fetching (for filtering). */
export function titleOf(c: Conversation, me: UUID): string {
  if (c.type !== 'DIRECT') return namedTitle(c);
  const peer = otherMember(c, me);
  return peer?.displayName || peer?.username || '';
}

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Prefix search on usernames (debounced), without me. */
export function useUserSearch(query: string) {
  const { me } = useChat();
  const q = useDebounced(query.trim(), 200);
  const result = useQuery({
    queryKey: qk.userSearch(q),
    queryFn: ({ signal }) => usersApi.search(q, 20, signal),
    enabled: q.length > 0,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const users = useMemo(() => (result.data?.items ?? []).filter((u) => u.userId !== me), [result.data, me]);
  return { users, q, isFetching: result.isFetching, error: result.error, settled: q === query.trim() && !result.isFetching };
}
