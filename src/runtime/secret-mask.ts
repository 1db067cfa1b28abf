/**
 * The secrets a run registered, and the text we write ourselves with them hidden. The runner masks its
 * log, but not the job summary file, the outputs file or a terminal: those we mask here.
 */
export interface SecretMask {
  /** Registers each line of `secret` (of 2 characters or more); returns the lines that were new. */
  add(secret: string): string[];
  hide(text: string): string;
}

export function createSecretMask(): SecretMask {
  const secrets: string[] = [];
  return {
    add(secret) {
      const added: string[] = [];
      for (const part of secret.split(/\r?\n/)) {
        const value = part.trim();
        if (value.length < 2 || secrets.includes(value)) continue;
        secrets.push(value);
        added.push(value);
      }
      // Longest first, so a secret that contains another is hidden whole.
      secrets.sort((a, b) => b.length - a.length);
      return added;
    },
    hide: (text) => secrets.reduce((masked, secret) => masked.split(secret).join('***'), text),
  };
}
