// Small pieces the change forms share: a refusal shown next to the field it names, and
// a labelled text input that carries such a refusal.
import { Field } from '../../ui/field';

/** A refusal (the server's or the form's own) and the field it is shown at. */
export interface Fault {
  readonly anchor: string | null;
  readonly message: string;
}

export function FieldFault({ fault, at }: { fault: Fault | null; at: string }) {
  if (!fault || fault.anchor !== at) return null;
  return (
    <p className="form-error field-fault" role="alert" data-testid="field-error" data-field={at}>
      {fault.message}
    </p>
  );
}

export interface TextInputProps {
  readonly label: string;
  readonly at: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly fault: Fault | null;
  readonly type?: 'text' | 'number' | 'date';
  readonly hint?: string;
  readonly testId?: string;
  readonly className?: string;
  readonly inputMode?: 'numeric' | 'decimal' | 'text';
  readonly readOnly?: boolean;
}

export function TextInput({ label, at, value, onChange, fault, type = 'text', hint, testId, className, inputMode, readOnly }: TextInputProps) {
  const invalid = fault?.anchor === at;
  return (
    <Field label={label} hint={hint} className={className}>
      {(id) => (
        <>
          <input
            id={id}
            type={type}
            value={value}
            inputMode={inputMode}
            readOnly={readOnly}
            aria-invalid={invalid || undefined}
            data-testid={testId}
            onChange={(event) => onChange(event.target.value)}
          />
          <FieldFault fault={fault} at={at} />
        </>
      )}
    </Field>
  );
}
