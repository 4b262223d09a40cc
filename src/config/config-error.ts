/** Thrown when the environment cannot be used; its message says what to set. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
