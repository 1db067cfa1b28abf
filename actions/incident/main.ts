import { run } from '../../src/incident/incident-action.js';
import { createActionsRuntime } from '../../src/runtime/actions-runtime.js';
import { incidentAdapters } from '../../src/runtime/incident-adapters.js';

await run(createActionsRuntime(), incidentAdapters());
