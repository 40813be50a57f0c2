import { type ChangeEvent, useCallback, useState } from 'react';
import { fieldError } from './fieldError.ts';

type Editable = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * Form state as strings keyed by the API's field names, so that `bind(name,
 * error)` wires an input's value, change handler and the server's message
 * for that same field in one spread.
 */
export function useForm<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const bind = useCallback(
    (key: keyof T & string, error?: unknown) => ({
      name: key,
      value: values[key],
      onChange: (event: ChangeEvent<Editable>) => setValues((current) => ({ ...current, [key]: event.target.value })),
      error: fieldError(error, key),
    }),
    [values],
  );
  return { values, setValues, bind };
}
