import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, type ShipgateError } from '../../../src/core/errors.js';
import { parseIncidentInputs } from '../../../src/incident/incident-settings.js';
import { NO_FILES, RUN } from './fixtures.js';

/**
 * SPEC §10: generated bad values for the inputs this issue added, each refused with one line that names
 * the input, before anything is done; secrets never appear in it.
 */

const parse = (raw: Record<string, string>) =>
  parseIncidentInputs({ environment: 'production', ...raw }, RUN, NO_FILES);

async function refusal(raw: Record<string, string>): Promise<ShipgateError> {
  try {
    await parse(raw);
  } catch (error) {
    return error as ShipgateError;
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
}

const oneLine = (message: string) => !/[\r\n]/.test(message) && message.length <= 1_000;

describe('incident inputs under generated bad values', () => {
  it('refuses any healthcheck-report that is not the healthcheck output, naming the input', async () => {
    const notAReport = fc.oneof(
      fc.string({ minLength: 1 }).filter((text) => text.trim() !== ''),
      fc.json().filter((text) => text.trim() !== ''),
      fc.record({ healthy: fc.anything() }).map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(notAReport, async (text) => {
        const error = await refusal({ 'healthcheck-report': text });
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).input).toBe('healthcheck-report');
        expect(oneLine(error.message)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('refuses any routing key that is not 32 letters or digits, without showing it', async () => {
    const badKey = fc
      .string({ minLength: 2, maxLength: 80 })
      .filter((key) => key.trim() !== '' && !/^[A-Za-z0-9]{32}$/.test(key.trim()) && !key.includes('*'));
    await fc.assert(
      fc.asyncProperty(badKey, async (key) => {
        const error = await refusal({ 'pagerduty-routing-key': key });
        expect((error as InputError).input).toBe('pagerduty-routing-key');
        expect(error.message).toMatch(
          /^incident: input 'pagerduty-routing-key' is '\*\*\* \(\d+ characters\)'; expected /,
        );
        expect(oneLine(error.message)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('refuses any webhook that is not an http(s) URL, without showing it', async () => {
    const badUrl = fc
      .string({ minLength: 2, maxLength: 120 })
      .filter((text) => text.trim() !== '' && !/^https?:\/\/[^/\s]/i.test(text.trim()));
    await fc.assert(
      fc.asyncProperty(badUrl, async (url) => {
        const error = await refusal({ 'slack-webhook-url': url });
        expect((error as InputError).input).toBe('slack-webhook-url');
        expect(error.message).toMatch(/^incident: input 'slack-webhook-url' is '\*\*\* \(\d+ characters\)'; expected /);
      }),
      { numRuns: 1_000 },
    );
  });

  it('refuses any config path that leaves the workspace', async () => {
    const outside = fc.oneof(
      fc.string().map((rest) => `/${rest}`),
      fc.string().map((rest) => `../${rest}`),
      fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a.replace(/[\\/]/g, '')}/../../${b}`),
    );
    await fc.assert(
      fc.asyncProperty(outside, async (path) => {
        fc.pre(path.trim() === path && path !== '');
        const error = await refusal({ config: path });
        expect((error as InputError).input).toBe('config');
        expect(oneLine(error.message)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });
});
