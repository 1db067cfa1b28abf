import { run } from '../../src/health/healthcheck-action.js';
import { createActionsRuntime } from '../../src/runtime/actions-runtime.js';
import { healthcheckAdapters } from '../../src/runtime/healthcheck-adapters.js';

await run(createActionsRuntime(), healthcheckAdapters());
