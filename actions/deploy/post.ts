import { runPost } from '../../src/deploy/deploy-post-action.js';
import { createActionsRuntime } from '../../src/runtime/actions-runtime.js';
import { deployPostAdapters } from '../../src/runtime/deploy-adapters.js';

await runPost(createActionsRuntime(), deployPostAdapters());
