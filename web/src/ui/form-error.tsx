export interface FormErrorProps {
  readonly message: string | null;
  readonly testId?: string;
}

/** The reason a form was refused, as the server (or the form) put it. */
export function FormError({ message, testId }: FormErrorProps) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
