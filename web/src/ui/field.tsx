import { useId, type ReactNode } from 'react';

export interface FieldProps {
  readonly label: string;
  readonly hint?: string | undefined;
  readonly className?: string | undefined;
  /** Renders the control with the id its label points to. */
  readonly children: (id: string) => ReactNode;
}

/** A labelled form control, with an optional hint under it. */
export function Field({ label, hint, className, children }: FieldProps) {
  const id = useId();
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <small className="field-hint">{hint}</small>}
    </div>
  );
}
