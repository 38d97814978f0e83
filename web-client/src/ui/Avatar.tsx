import { cn } from './cn.ts';

const palette = [
  'bg-rose-500', 'bg-orange-500', 'bg-amber-500', 'bg-emerald-500', 'bg-teal-500',
  'bg-sky-500', 'bg-blue-500', 'bg-indigo-500', 'bg-violet-500', 'bg-fuchsia-500',
];

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h);
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '?';
  const second = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + second).toUpperCase();
}

export function Avatar({
  name,
  seed,
  size = 'md',
  online,
  group,
  className,
}: {
  name: string;
  seed?: string;
  size?: 'sm' | 'md' | 'lg';
  online?: boolean | undefined;
  group?: boolean;
  className?: string;
}) {
  const dim = size === 'sm' ? 'h-8 w-8 text-xs' : size === 'lg' ? 'h-12 w-12 text-base' : 'h-10 w-10 text-sm';
  return (
    <span className={cn('relative inline-flex shrink-0', className)} aria-hidden="true">
      <span
        className={cn(
          'inline-flex items-center justify-center font-semibold text-white',
          group ? 'rounded-xl' : 'rounded-full',
          dim,
          palette[hash(seed ?? name) % palette.length],
        )}
      >
        {initials(name)}
      </span>
      {online !== undefined ? (
        <span
          data-testid="presence-dot"
          data-online={online ? 'true' : 'false'}
          className={cn(
            'absolute -bottom-0.5 -right-0.5 h-3.5 w-3.5 rounded-full border-2 border-background',
            online ? 'bg-success' : 'hidden',
          )}
        />
      ) : null}
    </span>
  );
}
