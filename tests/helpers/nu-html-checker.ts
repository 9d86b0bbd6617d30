import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

/*
 * The Nu Html Checker (the W3C validator's engine, npm package vnu-jar), run
 * with the machine's Java once over many files, since starting the JVM is
 * the slow part.
 */

const VNU_JAR = path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

const report = z.object({
  messages: z.array(
    z.object({
      type: z.string(),
      subType: z.string().optional(),
      url: z.string().optional(),
      message: z.string(),
      lastLine: z.number().optional(),
      extract: z.string().optional(),
    }),
  ),
});

export type HtmlError = { file: string; line: number | null; message: string; extract: string };

/** Every error (not warnings) the checker finds in the given HTML files. */
export async function htmlErrors(files: readonly string[]): Promise<HtmlError[]> {
  // The checker exits 1 when it finds errors; its report is on stderr either way.
  const { stderr } = await promisify(execFile)('java', ['-jar', VNU_JAR, '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }),
  );
  const { messages } = report.parse(JSON.parse(stderr));
  return messages
    .filter((message) => message.type === 'error' || message.type === 'non-document-error')
    .map((message) => ({
      file: message.url ? decodeURIComponent(new URL(message.url).pathname) : '',
      line: message.lastLine ?? null,
      message: message.message,
      extract: message.extract?.trim() ?? '',
    }));
}
