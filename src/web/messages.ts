/** An error as the lab shows it: its message, without the "Error: " a worker's rethrow adds. */
export function messageOf(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/^Error: /, '');
}
