// Starts Pixeltag: reads the configuration, opens the store, seeds the demo when enabled and
// listens on PORT. Stops cleanly on SIGINT/SIGTERM so buffered hits are written.
import { buildApp } from './app';
import { loadConfig } from './config';
import { DEMO_LOGIN, seedDemo } from './demo/seed';
import { openStore } from './store';

const config = loadConfig();
const store = await openStore(config);
const app = await buildApp(config, store);

/** In-flight requests get this long to finish on shutdown; then open connections are cut so the process always exits. */
const SHUTDOWN_GRACE_MS = 5000;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    setTimeout(() => app.http.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  });
}

// Seed before listening, so the health check never answers while /demo is still missing.
const origin = `http://localhost:${config.PORT}`;
const demoCreated = config.DEMO && (await seedDemo(app.services, origin));
const address = await app.http.listen({ port: config.PORT, host: config.HOST });
if (config.DEMO) {
  app.http.log.info(
    `${demoCreated ? 'Demo created' : 'Demo ready'}: open ${origin}/demo, console ${origin}/ (log in as ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password})`,
  );
}
app.http.log.info(`Pixeltag listening on ${address} with ${config.MONGODB_URI ? 'MongoDB' : `SQLite in ${config.DATA_DIR}`}`);
