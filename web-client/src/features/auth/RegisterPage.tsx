import { useState, type FormEvent } from 'react';
import { authApi } from '../../api/auth.ts';
import { humanMessage, isApiError } from '../../api/http.ts';
import { Link } from '../../app/router.tsx';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Input.tsx';
import { AuthLayout, FormAlert } from './AuthLayout.tsx';
import { session } from './sessionStore.ts';

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;

export function validateRegistration(v: { username: string; displayName: string; password: string }): Record<string, string> {
  const e: Record<string, string> = {};
  if (!USERNAME.test(v.username)) {
    e.username = v.username.length < 3 || v.username.length > 32
      ? 'Use 3 to 32 characters.'
      : 'Use only letters, digits, dots, dashes and underscores.';
  }
  const name = v.displayName.trim();
  if (name.length < 1) e.displayName = 'Enter the name people will see.';
  else if (name.length > 64) e.displayName = 'Use at most 64 characters.';
  if (v.password.length < 8) e.password = 'Use at least 8 characters.';
  else if (v.password.length > 128) e.password = 'Use at most 128 characters.';
  return e;
}

export function RegisterPage() {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const local = validateRegistration({ username, displayName, password });
    setFieldErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await authApi.register({ username, password, displayName: displayName.trim() });
      const tokens = await authApi.login({ username, password });
      session.signIn(tokens);
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        setFieldErrors({ username: err.problem.detail || 'That username is taken. Try another one.' });
      } else {
        const fields = isApiError(err) ? err.fieldErrors : {};
        setFieldErrors(fields);
        setError(Object.keys(fields).length ? 'Please fix the highlighted fields.' : humanMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title="Create your account" subtitle="It takes ten seconds. No email needed.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Create account">
        <FormAlert message={error} />
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={fieldErrors.username}
          hint="3–32 letters, digits, dots, dashes or underscores."
          autoFocus
        />
        <Field
          label="Display name"
          name="displayName"
          autoComplete="name"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={fieldErrors.displayName}
          maxLength={64}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldErrors.password}
          hint="At least 8 characters."
        />
        <Button type="submit" size="lg" loading={busy} className="justify-center mt-1">
          Create account
        </Button>
        <p className="text-center text-sm text-muted-foreground">
          Already have an account?{' '}
          <Link href="/login" className="font-medium text-primary hover:underline">
            Sign in
          </Link>
        </p>
      </form>
    </AuthLayout>
  );
}
