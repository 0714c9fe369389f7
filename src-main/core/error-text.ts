/** The message of any thrown value, for logs, results and sentences shown to people or models. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
