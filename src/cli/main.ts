#!/usr/bin/env node
import { createCliRuntime } from '../runtime/cli-runtime.js';
import { deployAdapters } from '../runtime/deploy-adapters.js';
import { runCli } from './cli.js';

await runCli(process.argv.slice(2), createCliRuntime(), { deploy: deployAdapters() });
