import type { InputHTMLAttributes } from 'react';
import type { User } from '../../api/types.ts';
import { humanMessage } from '../../api/http.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Spinner } from '../../ui/Button.tsx';
import { cn } from '../../ui/cn.ts';
import { CheckIcon, SearchIcon } from '../../ui/icons.tsx';
import { Input } from '../../ui/Input.tsx';

/** The username search box above {@link UserResults}. */
export function UserSearchInput({
  onQuery,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & { onQuery: (query: string) => void }) {
  return (
    <div className="relative">
      <SearchIcon className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 text-muted-foreground" />
      <Input
        placeholder="Search by username"
        autoComplete="off"
        spellCheck={false}
        className="pl-9"
        {...rest}
        onChange={(e) => onQuery(e.target.value)}
      />
    </div>
  );
}

/** Search results as a list of buttons (selected ones marked with aria-pressed in multi-select mode). */
export function UserResults({
  query,
  users,
  settled,
  isFetching,
  error,
  onPick,
  selected,
  busyId,
}: {
  query: string;
  users: User[];
  settled: boolean;
  isFetching: boolean;
  error: unknown;
  onPick: (u: User) => void;
  selected?: ReadonlySet<string>;
  busyId?: string | null;
}) {
  if (!query.trim()) {
    return <p className="px-5 py-8 text-center text-sm text-muted-foreground">Type a username to find people.</p>;
  }
  if (error) {
    return (
      <p role="alert" className="px-5 py-6 text-center text-sm text-danger">
        {humanMessage(error)}
      </p>
    );
  }
  return (
    <div className="relative min-h-24">
      {isFetching ? (
        <span className="absolute right-5 -top-8 text-muted-foreground">
          <Spinner className="h-4 w-4" label="Searching" />
        </span>
      ) : null}
      {users.length === 0 && settled ? (
        <p className="px-5 py-8 text-center text-sm text-muted-foreground" role="status">
          No one found for “{query.trim()}”.
        </p>
      ) : (
        <ul aria-label="People" className="flex flex-col gap-0.5 px-3 pb-3">
          {users.map((u) => {
            const isSelected = selected?.has(u.userId) ?? false;
            return (
              <li key={u.userId}>
                <button
                  type="button"
                  onClick={() => onPick(u)}
                  aria-pressed={selected ? isSelected : undefined}
                  disabled={busyId != null}
                  className={cn(
                    'flex w-full items-center gap-3 rounded-xl px-2.5 py-2 text-left transition-colors cursor-pointer',
                    'hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-ring',
                    isSelected && 'bg-accent',
                  )}
                >
                  <Avatar name={u.displayName} seed={u.userId} size="sm" />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-sm font-medium">{u.displayName}</span>
                    <span className="block truncate text-xs text-muted-foreground">@{u.username}</span>
                  </span>
                  {busyId === u.userId ? <Spinner className="h-4 w-4" /> : null}
                  {isSelected ? <CheckIcon className="h-4 w-4 text-primary" /> : null}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
