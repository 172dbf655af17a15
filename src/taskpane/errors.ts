/** The message of an error as a person reads it. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
