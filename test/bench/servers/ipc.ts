/** Tells the benchmark parent (over the fork IPC channel) which port this server listens on. */
export function announce(port: number): void {
  process.send?.({ port });
}
