import { createContext, useContext } from 'react';
import type { ChatClient } from './chatClient.ts';

export const ChatContext = createContext<ChatClient | null>(null);

export function useChat(): ChatClient {
  const c = useContext(ChatContext);
  if (!c) throw new Error('useChat outside a signed-in app');
  return c;
}
