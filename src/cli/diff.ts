export async function runDiff(_a: readonly string[], io: { err(s: string): void }): Promise<number> { io.err("todo"); return 2; }
