/**
 * GitHub's official OpenAPI description (`@octokit/openapi`, api.github.com) turned into validators for
 * the emulator's requests and responses, so the emulator cannot drift into a shape GitHub never sends.
 *
 * The description is OpenAPI 3.0: `nullable` is not JSON Schema, and 71 enums that are nullable do not
 * list `null`. Each schema is converted to plain JSON Schema once, and each component becomes its own
 * ajv schema, so `issue` or `repository` compile once and are shared by every operation that uses them.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface OperationInfo {
  readonly operationId: string;
  /** The docs page GitHub names in `documentation_url` of this operation's errors. */
  readonly documentationUrl: string;
}

export interface GitHubOpenApi {
  /** Milliseconds spent reading and parsing the description (paid once per process). */
  readonly loadMs: number;
  operation(method: string, pathTemplate: string): OperationInfo | undefined;
  /**
   * Checks a response body against the operation's schema for that status. Returns one readable line
   * per problem, e.g. `GET /repos/{owner}/{repo}/issues 200: /0/user must be object`. A 2xx status the
   * operation does not document is itself a problem; an undocumented error status is not checked.
   */
  validateResponse(method: string, pathTemplate: string, status: number, body: unknown): string[];
  /** Checks a request body against the operation's requestBody schema; one line per problem. */
  validateRequest(method: string, pathTemplate: string, body: unknown): RequestProblem[];
}

export interface RequestProblem {
  /** For requestViolations(): `POST /repos/{owner}/{repo}/statuses/{sha}: /state must be equal to one of the allowed values`. */
  readonly line: string;
  /** GitHub's wording for the 422 message, e.g. `For 'properties/state', "bogus" is not one of ["error", …].` */
  readonly githubMessage: string;
}

const DESCRIPTION = '@octokit/openapi/generated/api.github.com.json';
const COMPONENT_ID = 'https://openapi.shipgate.test/components/';
/** Formats ajv-formats checks that GitHub uses; others (repo.nwo, binary) are annotations only. */
const CHECKED_FORMATS = new Set(['date-time', 'date', 'uri', 'uri-template', 'email', 'int32', 'int64', 'double']);
/** JSON Schema keywords with the same meaning in OpenAPI 3.0; everything else (example, discriminator, x-*) is dropped. */
const COPIED_KEYWORDS = [
  'type',
  'enum',
  'const',
  'minimum',
  'maximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
] as const;
const METHODS = new Set(['get', 'post', 'patch', 'put', 'delete']);

/**
 * Where GitHub's real answers and its description disagree, the emulator answers like GitHub and the
 * exception is written here, narrowly: component → property → the other value GitHub really sends.
 */
const KNOWN_DEVIATIONS: Readonly<Record<string, Readonly<Record<string, Json>>>> = {
  // An unset URL of a deployment status comes back as "" (the request body's documented default), which
  // the response schema's `format: uri` would reject.
  'deployment-status': { target_url: '', log_url: '', environment_url: '' },
};

/*
 * The one piece of module-level state: the parsed description and compiled validators. Several
 * emulators in one test file (one per test) then pay for loading and compiling once. Nothing happens
 * at import; the first call of loadGitHubOpenApi() loads.
 */
let loading: Promise<GitHubOpenApi> | undefined;

export function loadGitHubOpenApi(): Promise<GitHubOpenApi> {
  loading ??= load();
  return loading;
}

async function load(): Promise<GitHubOpenApi> {
  const started = performance.now();
  const file = createRequire(import.meta.url).resolve(DESCRIPTION);
  const description = JSON.parse(await readFile(file, 'utf8')) as JsonObject;
  const loadMs = performance.now() - started;
  return new OpenApiIndex(description, loadMs);
}

class OpenApiIndex implements GitHubOpenApi {
  private readonly paths: JsonObject;
  private readonly components: JsonObject;
  private readonly ajv: Ajv;
  private readonly addedComponents = new Set<string>();
  private readonly validators = new Map<string, ValidateFunction | null>();

  constructor(
    description: JsonObject,
    readonly loadMs: number,
  ) {
    this.paths = asObject(description.paths);
    this.components = asObject(description.components);
    this.ajv = new Ajv({ strict: false, allErrors: true, verbose: true, logger: false });
    addFormats.default(this.ajv);
  }

  operation(method: string, pathTemplate: string): OperationInfo | undefined {
    const op = this.rawOperation(method, pathTemplate);
    if (op === undefined) return undefined;
    const docs = asObject(op.externalDocs ?? {});
    return {
      operationId: String(op.operationId),
      documentationUrl: typeof docs.url === 'string' ? docs.url : 'https://docs.github.com/rest',
    };
  }

  validateResponse(method: string, pathTemplate: string, status: number, body: unknown): string[] {
    const where = `${method.toUpperCase()} ${pathTemplate} ${status}`;
    const op = this.rawOperation(method, pathTemplate);
    if (op === undefined) return [`${where}: no such operation in GitHub's description`];
    const responses = asObject(op.responses);
    let response = responses[String(status)];
    if (response === undefined) {
      return status < 300 ? [`${where}: GitHub does not document this status for ${String(op.operationId)}`] : [];
    }
    response = this.resolve(response);
    const content = asObject(asObject(response).content ?? {});
    const media = content['application/json'];
    if (media === undefined) {
      // GitHub sends JSON error bodies it does not describe (a 409 from create-deployment, say); only a
      // success with a body where none is documented (a 204 with content) is a drift.
      if (body === undefined || body === '' || status >= 300) return [];
      return [`${where}: GitHub documents no JSON body for this status, but one was sent`];
    }
    const validate = this.validator(
      `res ${method.toUpperCase()} ${pathTemplate} ${status}`,
      () => asObject(media).schema,
    );
    if (validate === null || validate(body)) return [];
    return readableErrors(validate.errors ?? []).map((e) => `${where}: ${e.line}`);
  }

  validateRequest(method: string, pathTemplate: string, body: unknown): RequestProblem[] {
    const op = this.rawOperation(method, pathTemplate);
    if (op?.requestBody === undefined) return [];
    const requestBody = asObject(this.resolve(op.requestBody));
    const media = asObject(requestBody.content ?? {})['application/json'];
    if (media === undefined) return [];
    const validate = this.validator(`req ${method.toUpperCase()} ${pathTemplate}`, () => asObject(media).schema);
    if (validate === null || validate(body)) return [];
    const where = `${method.toUpperCase()} ${pathTemplate}`;
    return readableErrors(validate.errors ?? []).map((e) => ({ line: `${where}: ${e.line}`, githubMessage: e.github }));
  }

  private rawOperation(method: string, pathTemplate: string): JsonObject | undefined {
    const lower = method.toLowerCase();
    if (!METHODS.has(lower)) return undefined;
    const item = this.paths[pathTemplate];
    if (item === undefined || item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
    const op = item[lower];
    return op !== undefined && op !== null && typeof op === 'object' && !Array.isArray(op) ? op : undefined;
  }

  private validator(key: string, schemaOf: () => Json | undefined): ValidateFunction | null {
    const cached = this.validators.get(key);
    if (cached !== undefined) return cached;
    const schema = schemaOf();
    const compiled = schema === undefined ? null : this.ajv.compile(this.convert(schema) as object);
    this.validators.set(key, compiled);
    return compiled;
  }

  /** Follows a `#/components/<kind>/<name>` reference (responses, requestBodies) to its target. */
  private resolve(node: Json): Json {
    let current = node;
    for (let hops = 0; hops < 10; hops += 1) {
      const ref = isObject(current) ? current.$ref : undefined;
      if (typeof ref !== 'string') return current;
      const [, , kind, name] = ref.split('/');
      const target = asObject(this.components[kind ?? ''] ?? {})[decodePointer(name ?? '')];
      if (target === undefined) throw new Error(`openapi: unresolvable reference ${ref}`);
      current = target;
    }
    throw new Error('openapi: reference chain too long');
  }

  /** OpenAPI 3.0 schema → JSON Schema (draft-07 as ajv reads it). */
  private convert(node: Json): Json {
    if (!isObject(node)) return node;
    const ref = node.$ref;
    if (typeof ref === 'string') return { $ref: this.componentRef(ref) };
    const out: JsonObject = {};
    for (const keyword of COPIED_KEYWORDS) {
      const value = node[keyword];
      if (value !== undefined) out[keyword] = value;
    }
    const format = node.format;
    if (typeof format === 'string' && CHECKED_FORMATS.has(format)) out.format = format;
    const properties = node.properties;
    if (isObject(properties)) {
      const converted: JsonObject = {};
      for (const [name, schema] of Object.entries(properties)) converted[name] = this.convert(schema);
      out.properties = converted;
    }
    const additional = node.additionalProperties;
    if (additional !== undefined)
      out.additionalProperties = typeof additional === 'boolean' ? additional : this.convert(additional);
    if (node.items !== undefined) out.items = this.convert(node.items);
    if (node.not !== undefined) out.not = this.convert(node.not);
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = node[keyword];
      if (Array.isArray(list)) out[keyword] = list.map((schema) => this.convert(schema));
    }
    if (node.nullable !== true) return out;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }

  /** Registers a component schema (and, through convert, all it refers to) with ajv once. */
  private componentRef(ref: string): string {
    const prefix = '#/components/schemas/';
    if (!ref.startsWith(prefix)) throw new Error(`openapi: unsupported schema reference ${ref}`);
    const name = decodePointer(ref.slice(prefix.length));
    const id = COMPONENT_ID + encodeURIComponent(name);
    if (!this.addedComponents.has(name)) {
      this.addedComponents.add(name);
      const schema = asObject(this.components.schemas)[name];
      if (schema === undefined) throw new Error(`openapi: no component schema ${name}`);
      const converted = asObject(this.convert(schema));
      const deviations = KNOWN_DEVIATIONS[name];
      const properties = converted.properties;
      if (deviations !== undefined && isObject(properties)) {
        for (const [property, value] of Object.entries(deviations)) {
          const original = properties[property];
          if (original !== undefined) properties[property] = { anyOf: [{ const: value }, original] };
        }
      }
      this.ajv.addSchema({ ...converted, $id: id });
    }
    return id;
  }
}

interface ReadableError {
  readonly line: string;
  readonly github: string;
}

/**
 * ajv's errors made readable: the `must be null` half of every nullable, and the summary of an
 * anyOf/oneOf whose branches already explain themselves, are left out; duplicates are merged.
 */
function readableErrors(errors: readonly ErrorObject[]): ReadableError[] {
  const specific = errors.filter((error) => !isNullHalf(error) && !isSummary(error));
  const kept = errors.filter((error) => {
    if (isNullHalf(error)) return false;
    if (!isSummary(error)) return true;
    return !specific.some((other) => other.instancePath.startsWith(error.instancePath));
  });
  const seen = new Set<string>();
  const result: ReadableError[] = [];
  for (const error of kept.length > 0 ? kept : errors) {
    const line = `${error.instancePath === '' ? '/' : error.instancePath} ${message(error)}${detail(error)}`;
    if (seen.has(line)) continue;
    seen.add(line);
    result.push({ line, github: githubWording(error) });
    if (result.length >= 20) break;
  }
  return result;
}

function isNullHalf(error: ErrorObject): boolean {
  return error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null';
}

function isSummary(error: ErrorObject): boolean {
  return error.keyword === 'anyOf' || error.keyword === 'oneOf';
}

/** `must be object` rather than ajv's `must be object,null`: the null half of a nullable says nothing useful. */
function message(error: ErrorObject): string {
  if (error.keyword !== 'type') return error.message ?? error.keyword;
  const types = String((error.params as { type?: unknown }).type)
    .split(',')
    .filter((t) => t !== 'null');
  return `must be ${types.join(' or ')}`;
}

function detail(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum') return ` (${JSON.stringify(params.allowedValues)})`;
  if (error.keyword === 'additionalProperties') return ` (${String(params.additionalProperty)})`;
  return '';
}

/** GitHub's own 422 phrasing, e.g. `"state" wasn't supplied.` or `For 'properties/state', "bogus" is not one of [...]`. */
function githubWording(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const segments = error.instancePath.split('/').filter((s) => s !== '');
  if (error.keyword === 'required') {
    const missing = String(params.missingProperty);
    return segments.length === 0
      ? `"${missing}" wasn't supplied.`
      : `For 'properties/${segments.join('/')}', "${missing}" wasn't supplied.`;
  }
  const where = segments.length === 0 ? 'links/0/schema' : `properties/${segments.join('/')}`;
  const value = error.data === undefined ? 'nil' : JSON.stringify(error.data);
  if (error.keyword === 'enum') {
    const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
    return `For '${where}', ${value} is not one of ${JSON.stringify(allowed).replaceAll(',', ', ')}.`;
  }
  if (error.keyword === 'type') return `For '${where}', ${value} is not ${article(String(params.type))}.`;
  return `For '${where}', ${value} ${error.message ?? 'is invalid'}.`;
}

function article(type: string): string {
  const first = type.split(',')[0] ?? type;
  return /^[aeiou]/.test(first) ? `an ${first}` : `a ${first}`;
}

function decodePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

function asObject(value: Json | undefined): JsonObject {
  if (!isObject(value)) throw new Error('openapi: expected an object in the description');
  return value;
}
