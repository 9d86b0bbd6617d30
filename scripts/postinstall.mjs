// Generates the Prisma client after `npm ci`/`npm install`.
// Prisma 7's CLI insists on a schema-engine binary it would download, but
// `generate` does not use it; where none is available (our build machines
// cannot reach Prisma's binary server) we point it at a no-op stand-in.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stub = path.join(mkdtempSync(path.join(tmpdir(), 'prisma-engine-')), 'schema-engine');
  writeFileSync(stub, '#!/bin/sh\nexit 0\n');
  chmodSync(stub, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
execFileSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { stdio: 'inherit', env });
