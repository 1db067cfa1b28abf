import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { parseDeployInputs, parseRollbackInputs } from '../../../src/deploy/deploy-inputs.js';

const inActions = { repository: { owner: 'acme', repo: 'shop' }, inActions: true };
const outside = { repository: undefined, inActions: false };

function refusal(parse: () => unknown): Error {
  try {
    parse();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the inputs to be refused');
}

describe('parseDeployInputs', () => {
  it('applies the action.yml defaults, takes the service from the repository and keeps the version as given', () => {
    const parsed = parseDeployInputs({ environment: 'production', version: ' 1.4.2 $(x)' }, inActions);
    expect(parsed).toEqual({
      inputs: {
        service: 'shop',
        environment: 'production',
        version: ' 1.4.2 $(x)',
        phase: 'full',
        rollbackOnError: true,
        dryRun: false,
      },
      configPath: '.github/shipgate.yml',
      state: 'file',
      stateFile: '.shipgate/state.json',
    });
  });

  it('chooses the github store inside Actions with a token', () => {
    const parsed = parseDeployInputs(
      { service: 'api', environment: 'staging', version: '1', strategy: 'canary', 'github-token': 't' },
      inActions,
    );
    expect(parsed.state).toBe('github');
    expect(parsed.inputs.strategy).toBe('canary');
    expect(parsed.githubToken).toBe('t');
  });

  it.each<[Record<string, string>, typeof inActions | typeof outside, string]>([
    [
      { service: 'api', environment: 'production', version: '1', strategy: 'blue_green' },
      outside,
      "deploy: input 'strategy' is 'blue_green'; expected one of rolling, blue-green, canary",
    ],
    [
      { service: 'api', environment: 'production', version: '1', phase: 'go' },
      outside,
      "deploy: input 'phase' is 'go'; expected one of prepare, switch, finalize, cancel, full",
    ],
    [
      { service: 'api', environment: 'production', version: 'a\u0007b' },
      outside,
      "deploy: input 'version' is 'a\u0007b'; expected an opaque version string of 1 to 256 characters without control characters",
    ],
    [
      { service: 'api', version: '1' },
      outside,
      "deploy: input 'environment' is missing; expected a value (it is required)",
    ],
    [
      { environment: 'production', version: '1' },
      outside,
      `deploy: input 'service' is missing; expected a name of letters, digits, ".", "_" or "-" (no repository to default to)`,
    ],
    [
      { service: 'api', environment: 'production', version: '1', state: 'github' },
      inActions,
      "deploy: input 'github-token' is missing; expected a token with 'permissions: deployments: write' (state is github)",
    ],
  ])('refuses %j with one line naming the input', (raw, context, message) => {
    const error = refusal(() => parseDeployInputs(raw, context));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(message);
  });
});

describe('parseRollbackInputs', () => {
  it('keeps to-version absent when not given, and the reason trimmed', () => {
    expect(
      parseRollbackInputs({ service: 'api', environment: 'production', reason: '  bad release \n' }, outside),
    ).toEqual({
      service: 'api',
      environment: 'production',
      reason: 'bad release',
      configPath: '.github/shipgate.yml',
      state: 'file',
      stateFile: '.shipgate/state.json',
    });
  });

  it('refuses the github store outside Actions without a repository', () => {
    expect(() =>
      parseRollbackInputs({ service: 'api', environment: 'production', state: 'github', 'github-token': 't' }, outside),
    ).toThrow(/^rollback: input 'state' is 'github'; expected file outside GitHub Actions/);
  });
});
