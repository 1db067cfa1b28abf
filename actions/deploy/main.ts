import { run } from '../../src/deploy/deploy-action.js';
import { createActionsRuntime } from '../../src/runtime/actions-runtime.js';
import { deployAdapters } from '../../src/runtime/deploy-adapters.js';

await run(createActionsRuntime(), deployAdapters());
