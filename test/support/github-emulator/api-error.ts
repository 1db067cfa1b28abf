/** An answer other than success, in GitHub's error shape: `{ message, errors?, documentation_url, status }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra keys GitHub sends with this error, e.g. `errors`. */
    readonly extra: Record<string, unknown> = {},
    /** True when the request body was at fault (the line goes to requestViolations()). */
    readonly requestProblem = false,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function notFound(): ApiError {
  return new ApiError(404, 'Not Found');
}

/** GitHub's 422 for a field that passes the schema but breaks a rule, e.g. a description over 140 characters. */
export function validationFailed(resource: string, field: string, message: string, requestProblem = true): ApiError {
  return new ApiError(
    422,
    'Validation Failed',
    { errors: [{ resource, code: 'custom', field, message }] },
    requestProblem,
  );
}
