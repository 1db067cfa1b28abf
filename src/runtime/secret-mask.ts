/**
 * The secrets a run registered, and the text we write ourselves with them hidden. The runner masks its
 * log, but not the job summary file, the outputs file or a terminal: those we mask here. The mask itself
 * is pure and lives in src/core/secrets.ts, so the engine masks what it sends to GitHub with it too.
 */
export { createSecretMask, type SecretMask } from '../core/secrets.js';
