import type { LabelSpec } from './issue-port.js';
import { INCIDENT_LABEL } from './markers.js';
import type { Severity } from './severity.js';
import { isSeverityLabel, SEVERITIES, severityLabel } from './severity.js';

const SEVERITY_LOOK: Readonly<Record<Severity, { color: string; description: string }>> = {
  'SEV-1': { color: 'b60205', description: 'SEV-1: full outage or critical data integrity risk' },
  'SEV-2': { color: 'd93f0b', description: 'SEV-2: major degradation of a key feature' },
  'SEV-3': { color: 'fbca04', description: 'SEV-3: partial outage with a workaround' },
};

/** `incident`, `sev-N`, then the extra labels, without duplicates (GitHub label names ignore case). */
export function incidentLabels(severity: Severity, extra: readonly string[]): string[] {
  return uniqueLabels([INCIDENT_LABEL, severityLabel(severity), ...extra.filter((label) => !isSeverityLabel(label))]);
}

export function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  return labels.filter((label) => {
    const key = label.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a label looks like when shipgate has to create it. */
export function labelSpec(name: string): LabelSpec {
  if (name.toLowerCase() === INCIDENT_LABEL) {
    return { name, color: 'b60205', description: 'An incident opened by shipgate' };
  }
  const severity = SEVERITIES.find((s) => severityLabel(s) === name.toLowerCase());
  if (severity) return { name, ...SEVERITY_LOOK[severity] };
  return { name, color: 'ededed', description: '' };
}
