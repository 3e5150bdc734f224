// Opens the configured store: MongoDB when MONGODB_URI is set, otherwise the embedded SQLite file.
import { join } from 'node:path';
import type { Config } from '../config';
import { openSqliteStore } from './sqlite';
import { openMongoStore } from './mongo';
import type { Store } from './types';

export async function openStore(config: Pick<Config, 'MONGODB_URI' | 'MONGODB_DB' | 'DATA_DIR'>): Promise<Store> {
  if (config.MONGODB_URI) return openMongoStore(config.MONGODB_URI, config.MONGODB_DB);
  return openSqliteStore(join(config.DATA_DIR, 'pixeltag.db'));
}

export type { Store } from './types';
