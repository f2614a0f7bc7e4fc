/**
 * The command-line life of a started server (serve, server): its notices on stderr, the one
 * ready line on stdout, and a clean stop on SIGINT/SIGTERM (everything flushed, exit 0; an
 * error while stopping, exit 1).
 */
export interface Started {
  notices: readonly string[];
  readyLine: string;
  close(): Promise<void>;
}

export function runUntilSignal(name: string, served: Started): void {
  for (const notice of served.notices) console.error(`${name}: ${notice}`);
  console.log(served.readyLine);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    try {
      await served.close();
      process.exit(0);
    } catch (error) {
      console.error(`${name}: error while stopping on ${signal}:`, error);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
