import { reactive, ref, toRefs, type Ref } from 'vue';
import type { z } from 'zod';

/**
 * A zod failure as field errors: the first message of each field, by its dotted path
 * (`address.communeCode`), `_` for the form as a whole. Messages are keys under `validation.`
 * in the locale files (`fieldMessage`); the shared schemas in common/ write them.
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.join('.') || '_'] ??= issue.message;
  return out;
}

/**
 * One form checked by its shared zod schema, the same schema main checks the call with. The
 * citizen sees a field's error when they leave it (`validateField`, wired to the field's blur)
 * and every error at once on submit; never while typing, when half a phone number is not yet
 * wrong. `fields` are the values as refs for v-model; submit hands over the schema's output
 * (trimmed, normalised), as main will read it.
 */
export function useZodForm<S extends z.ZodTypeAny>(schema: S, initialValues: z.input<S>) {
  type Values = z.input<S> & object;
  type Field = keyof Values & string;
  const values = reactive({ ...(initialValues as Values) }) as Values;
  const errors = ref<Partial<Record<Field, string>>>({});

  const check = () => schema.safeParse({ ...values }) as z.SafeParseReturnType<z.input<S>, z.output<S>>;

  /** Shows this field's first error now, or clears it. */
  function validateField(name: Field): void {
    const r = check();
    const message = r.success ? undefined : fieldErrors(r.error)[name];
    const { [name]: _, ...others } = errors.value as Record<string, string>;
    errors.value = (message ? { ...others, [name]: message } : others) as Partial<Record<Field, string>>;
  }

  /** A message key for one field, from the backend's answer (the phone is not the account's). */
  function setFieldError(name: Field, message: string): void {
    errors.value = { ...errors.value, [name]: message };
  }

  /** Every field checked and shown; `onValid` gets the schema's output, `onInvalid` runs otherwise. */
  function handleSubmit(onValid: (output: z.output<S>) => unknown, onInvalid?: () => void) {
    return async () => {
      const r = check();
      errors.value = (r.success ? {} : fieldErrors(r.error)) as Partial<Record<Field, string>>;
      if (r.success) await onValid(r.data);
      else onInvalid?.();
    };
  }

  function resetForm(next: Values): void {
    Object.assign(values, next);
    errors.value = {};
  }

  return { values, fields: toRefs(values) as unknown as { [K in Field]-?: Ref<Values[K]> }, errors, validateField, setFieldError, handleSubmit, resetForm };
}
