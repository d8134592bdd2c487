// A refusal the operator can act on (no backup before that time, another restore running,
// a bad argument) is printed in both languages with exit code 1; anything else is a bug
// and keeps its stack trace.
import { AppError } from '../kernel/app-error.js';

export function reportRefusal(error: unknown): void {
  if (!(error instanceof AppError)) throw error;
  console.error(`${error.messages.vi} / ${error.messages.en}`);
  process.exitCode = 1;
}
