/** Where the engine writes what a person reads in the job log or the terminal. */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** Registers a secret: from now on it is replaced by *** wherever it would be printed. */
  mask(secret: string): void;
}
