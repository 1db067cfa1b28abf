// The toolkit floor of SPEC §9 B1: @actions/core alone, reading one input and writing one output. The
// bench bundles it with ncc (as the actions are bundled) into a temporary folder before measuring.
import * as core from '@actions/core';

core.setOutput('value', core.getInput('value'));
