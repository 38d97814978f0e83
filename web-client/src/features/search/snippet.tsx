import type { ReactNode } from 'react';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
}

/**
 * A search snippet as React nodes: the server escapes the body and marks matches with <mark>…</mark>; only those
 * two tags become elements, everything else stays text (never parsed as HTML).
 */
export function renderSnippet(snippet: string): ReactNode[] {
  const out: ReactNode[] = [];
  const parts = snippet.split(/(<mark>|<\/mark>)/);
  let marked = false;
  parts.forEach((part, i) => {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) out.push(marked ? <mark key={i}>{decode(part)}</mark> : decode(part));
  });
  return out;
}
