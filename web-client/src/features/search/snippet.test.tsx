import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderSnippet } from './snippet.tsx';

describe('search snippets', () => {
  it('marks only what the server marked, and shows escaped text as text, never as markup', () => {
    const { container } = render(<p>{renderSnippet('see &lt;script&gt;alert(1)&lt;/script&gt; at <mark>noon</mark> &amp; <mark>lunch</mark>')}</p>);
    expect(container.querySelectorAll('mark')).toHaveLength(2);
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).toBe('see <script>alert(1)</script> at noon & lunch');
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['noon', 'lunch']);
  });
});
