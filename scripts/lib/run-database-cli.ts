import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';
import { prepareDatabase } from './database';
import { runCli } from './run-cli';

/** What a command does once its arguments are understood; resolves with the exit code. */
export type DatabaseCommand = (prisma: PrismaClient) => Promise<number>;

export type DatabaseCliOptions = {
  /** The lines that explain an error its user can correct, instead of one line of message; null for any other error. */
  explain?: (error: unknown) => string[] | null;
};

/**
 * The frame of the CLIs that work on the portal's data (token, user, content).
 * Arguments `parse` does not understand (null) print `usage` and exit with 2
 * before any database starts. Otherwise the command runs on the database every
 * command agrees on (scripts/lib/database.ts), whose lines go to standard error
 * so that standard output carries only the command's result; an error `explain`
 * knows ends in its lines and exit code 1, printed before the database closes,
 * and the client and the database are closed however the command ends.
 */
export async function runDatabaseCli(usage: string, parse: (args: string[]) => DatabaseCommand | null, { explain }: DatabaseCliOptions = {}): Promise<never> {
  return runCli(async () => {
    const command = parse(process.argv.slice(2));
    if (!command) {
      console.error(usage);
      return 2;
    }
    const database = await prepareDatabase((line) => console.error(line));
    const prisma = createPrismaClient(database.url, 2);
    try {
      return await command(prisma);
    } catch (error) {
      const lines = explain?.(error);
      if (!lines) throw error;
      for (const line of lines) console.error(line);
      return 1;
    } finally {
      await prisma.$disconnect();
      await database.stop();
    }
  });
}
