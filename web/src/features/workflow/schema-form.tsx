// A small renderer for the procedures' electronic forms (issue #7 item 1): the subset of
// JSON Schema the catalogue uses (an object of string, number, integer, boolean, date and
// enum fields). The server checks the filled form against the full schema (ajv).
import { Field } from '../../ui/field';
import type { JsonSchema } from './workflow-api';

export type FormValue = Record<string, unknown>;

/** The value a field's text becomes: numbers as numbers, empty fields left out. */
export function fieldValue(schema: JsonSchema, raw: string | boolean): unknown {
  if (schema.type === 'boolean') return raw === true;
  if (raw === '') return undefined;
  if (schema.type === 'number' || schema.type === 'integer') return Number(raw);
  return raw;
}

export function SchemaForm({ schema, value, onChange, testId }: { schema: JsonSchema; value: FormValue; onChange: (next: FormValue) => void; testId: string }) {
  const set = (name: string, field: JsonSchema, raw: string | boolean) => {
    const next = { ...value, [name]: fieldValue(field, raw) };
    if (next[name] === undefined) delete next[name];
    onChange(next);
  };
  return (
    <fieldset className="schema-form" data-testid={testId}>
      {Object.entries(schema.properties ?? {}).map(([name, field]) => {
        const label = `${field.title ?? name}${schema.required?.includes(name) ? ' *' : ''}`;
        const current = value[name];
        const fieldId = `${testId}-${name}`;
        if (field.type === 'boolean') {
          return (
            <label key={name} className="workflow-check">
              <input type="checkbox" data-testid={fieldId} checked={current === true} onChange={(e) => set(name, field, e.target.checked)} /> {label}
            </label>
          );
        }
        return (
          <Field key={name} label={label}>
            {(id) => field.enum ? (
              <select id={id} data-testid={fieldId} value={String(current ?? '')} onChange={(e) => set(name, field, e.target.value)}>
                <option value="">—</option>
                {field.enum.map((option) => <option key={option} value={option}>{option}</option>)}
              </select>
            ) : (
              <input
                id={id}
                data-testid={fieldId}
                type={field.format === 'date' ? 'date' : field.type === 'number' || field.type === 'integer' ? 'number' : 'text'}
                min={field.minimum}
                max={field.maximum}
                maxLength={field.maxLength}
                value={current === undefined ? '' : String(current)}
                onChange={(e) => set(name, field, e.target.value)}
              />
            )}
          </Field>
        );
      })}
    </fieldset>
  );
}
