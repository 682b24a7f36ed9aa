import { ConfigError, readConfig } from './config.js';
import { startKpibot } from './kpibot.js';
import { createLogger } from './log.js';

/** `npm start`: read the environment, start kpibot, stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  process.on('unhandledRejection', (error) => logger.error('unhandled promise rejection', { error }));
  const running = await startKpibot({ config, logger });
  const shutdown = (signal: string): void => {
    logger.info('shutting down', { signal });
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`kpibot failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
