// Starts Pixeltag: reads the configuration, opens the store, seeds the demo when enabled and
// listens on PORT. Stops cleanly on SIGINT/SIGTERM so buffered hits are written.
import { buildApp } from './app';
import { loadConfig } from './config';
import { DEMO_LOGIN, seedDemo } from './demo/seed';
import { openStore } from './store';

const config = loadConfig();
const store = await openStore(config);
const app = await buildApp(config, store);
const address = await app.http.listen({ port: config.PORT, host: config.HOST });
const origin = `http://localhost:${new URL(address).port}`;

if (config.DEMO) {
  const created = await seedDemo(app.services, origin);
  app.http.log.info(
    `${created ? 'Demo created' : 'Demo ready'}: open ${origin}/demo, console ${origin}/ (log in as ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password})`,
  );
}
app.http.log.info(`Pixeltag listening on ${address} with ${config.MONGODB_URI ? 'MongoDB' : `SQLite in ${config.DATA_DIR}`}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app
      .close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  });
}
