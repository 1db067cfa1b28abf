/**
 * Names of what the deploy's main step saves (GITHUB_STATE) for its post step, which runs even when the
 * main step was killed or cancelled (`post-if: always()`).
 */
export const POST_STATE = {
  /** The state store's id of the deploy (the GitHub deployment); empty with the file store. */
  deploymentId: 'shipgate-deployment-id',
  /** `true` once the main step recorded the outcome: the post step then has nothing to do. */
  finished: 'shipgate-finished',
  /** JSON of the route that puts all traffic back on the stable version. */
  stableRoute: 'shipgate-stable-route',
  /** The slot the new version went to (blue-green, canary). */
  slot: 'shipgate-slot',
  version: 'shipgate-version',
} as const;
