#!/usr/bin/env node
// `registry-webhooks`: manage registry webhooks like `az acr webhook`. All logic is in lib/.
import { main } from "./lib/main.mjs";

process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
