import { type FormEvent, useCallback, useState } from 'react';

/** Runs an async action for a form: busy flag, and the error to render (ApiError or other). */
export function useAsyncAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        await action(...args);
        return true;
      } catch (caught) {
        setError(caught);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  /** Form `onSubmit` handler for actions without arguments. */
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(...([] as unknown as A));
  };
  return { run, submit, busy, error, setError };
}
