import { execFile } from "node:child_process";
import path from "node:path";

export type CliRun = { code: number; stdout: string; stderr: string };

const ENTRY = path.resolve("cli/registry-webhooks.mjs");

/** Runs the CLI as a user would (a separate Node process), with only the given environment. */
export const runCli = (args: string[], env: Record<string, string> = {}): Promise<CliRun> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [ENTRY, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env } as unknown as NodeJS.ProcessEnv, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
