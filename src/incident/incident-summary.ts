import { link } from './markdown.js';
import type { IncidentResult } from './tracker.js';

/** The action's outputs (SPEC §5.4), as strings for the runner. */
export function incidentOutputs(
  result: IncidentResult,
): Record<'issue-number' | 'issue-url' | 'created' | 'action-taken', string> {
  return {
    'issue-number': result.issueNumber !== undefined ? String(result.issueNumber) : '',
    'issue-url': result.issueUrl ?? '',
    created: String(result.created),
    'action-taken': result.actionTaken,
  };
}

/** The job summary: what this run did to which incident, in a few lines of Markdown. */
export function renderIncidentSummary(result: IncidentResult): string {
  const issue =
    result.issueNumber !== undefined
      ? link(`#${result.issueNumber}${result.title ? ` ${escapeText(result.title)}` : ''}`, result.issueUrl)
      : undefined;
  const heading = `### Incident: ${result.action} → ${result.actionTaken}`;
  const lines: string[] = [heading, ''];
  switch (result.actionTaken) {
    case 'created':
      lines.push(`Opened ${issue ?? 'an incident'}${result.severity ? ` (${result.severity})` : ''}.`);
      break;
    case 'commented':
      lines.push(`Added this run to ${issue ?? 'the open incident'}${result.severity ? ` (${result.severity})` : ''}.`);
      break;
    case 'closed':
      lines.push(`Resolved and closed ${issue ?? 'the incident'}.`);
      break;
    case 'reminded':
      lines.push(`Reminded ${(result.reminded ?? []).map((n) => `#${n}`).join(', ')}: an update was overdue.`);
      break;
    case 'none':
      lines.push(`Nothing to do${issue ? ` on ${issue}` : ''}.`);
      break;
    default: {
      const unknown: never = result.actionTaken;
      lines.push(String(unknown));
    }
  }
  lines.push(
    '',
    `<sub>${escapeText(result.detail)}${result.dedupKey ? ` · key ${'`'}${result.dedupKey.replace(/`/g, "'")}${'`'}` : ''}</sub>`,
  );
  return `${lines.join('\n')}\n`;
}

function escapeText(text: string): string {
  return text.replace(/[<>[\]]/g, (char) => `\\${char}`);
}
