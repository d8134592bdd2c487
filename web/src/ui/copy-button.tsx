import { useState } from 'react';

export interface CopyButtonProps {
  readonly text: string;
  readonly label: string;
  readonly copiedLabel: string;
  readonly testId?: string;
}

/** Copies text to the clipboard; says so for a moment. */
export function CopyButton({ text, label, copiedLabel, testId }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard (plain http, permissions): select the text for a manual copy.
      return;
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" className="button" data-testid={testId} onClick={() => void copy()}>
      {copied ? copiedLabel : label}
    </button>
  );
}
