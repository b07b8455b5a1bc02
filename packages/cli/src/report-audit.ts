// `corsa audit` for people: every finding with its evidence, worst first within its class order.
import type { AuditResult, Finding } from './audit.js';
import { terminalSafe } from './terminal-safe.js';

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

function findingText(finding: Finding): string {
  const evidence =
    finding.evidence.headers.length > 0 ? finding.evidence.headers.map(([name, value]) => `${name}: ${value}`).join('\n      ') : '(no CORS headers)';
  return [
    `[${finding.severity}] ${finding.class}${finding.follows ? ` (follows from ${finding.follows})` : ''}`,
    `    Origin: ${finding.origin}  (${finding.probe})`,
    `    ← ${finding.evidence.status}`,
    `      ${evidence}`,
    `    Why: ${finding.why}`,
    `    Fix: ${finding.fix}`,
  ].join('\n');
}

export function auditReport(result: AuditResult): string {
  const lines = [`corsa audit: ${result.url}, trusted origin ${result.trustedOrigin} (${result.probes} requests)`, ''];
  const counts = { high: 0, medium: 0, low: 0 };
  for (const finding of result.findings) counts[finding.severity]++;
  if (result.findings.length === 0) {
    lines.push('✓ No finding.');
  } else {
    lines.push(
      `${counts.high + counts.medium > 0 ? '✗' : '!'} ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}: ${counts.high} high, ${counts.medium} medium, ${counts.low} low`,
      '',
    );
    const sorted = [...result.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    lines.push(sorted.map(findingText).join('\n\n'));
  }
  for (const note of result.notes) lines.push('', `Note: ${note}`);
  return terminalSafe(`${lines.join('\n')}\n`);
}
