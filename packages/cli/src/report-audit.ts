// `corsa audit` for people: every finding with its evidence, worst first within its class order.
import type { AuditResult, Finding } from './audit.js';
import { STACK_LABELS } from './stack.js';
import { terminalSafe } from './terminal-safe.js';

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

function findingText(finding: Finding, consequences: readonly Finding[], sameFixAs: Finding | undefined): string {
  const evidence =
    finding.evidence.headers.length > 0 ? finding.evidence.headers.map(([name, value]) => `${name}: ${value}`).join('\n      ') : '(no CORS headers)';
  const lines = [
    `[${finding.severity}] ${finding.class}`,
    `    Origin: ${finding.origin}  (${finding.probe})`,
    `    ← ${finding.evidence.status}`,
    `      ${evidence}`,
    `    Why: ${finding.why}`,
    sameFixAs
      ? `    Fix: the same as for ${sameFixAs.class} above.`
      : `    Fix${finding.stack ? ` (${finding.stack})` : ''}: ${finding.fix.replaceAll('\n', '\n      ')}`,
  ];
  if (consequences.length > 0) {
    const width = Math.max(...consequences.map((consequence) => consequence.class.length));
    lines.push(
      `    What follows from it (the same fix ends each):`,
      ...consequences.map((consequence) => `      ${consequence.class.padEnd(width)}  Origin: ${consequence.origin}  (${consequence.probe})`),
    );
  }
  return lines.join('\n');
}

export function auditReport(result: AuditResult): string {
  const recognised = result.stacks.length > 0 ? `, ${result.stacks.map((stack) => `${STACK_LABELS[stack.name]} (${stack.evidence})`).join(' and ')}` : '';
  const lines = [`corsa audit: ${result.url}, trusted origin ${result.trustedOrigin}${recognised} (${result.probes} requests)`, ''];
  // A finding that follows from another is shown under it: one cause, one fix.
  const causes = result.findings.filter((finding) => finding.follows === undefined);
  const counts = { high: 0, medium: 0, low: 0 };
  for (const finding of causes) counts[finding.severity]++;
  if (causes.length === 0) {
    lines.push('✓ No finding.');
  } else {
    const following = result.findings.length - causes.length;
    lines.push(
      `${counts.high + counts.medium > 0 ? '✗' : '!'} ${causes.length} finding${causes.length === 1 ? '' : 's'}: ${counts.high} high, ${counts.medium} medium, ${counts.low} low${following > 0 ? ` (and ${following} that follow${following === 1 ? 's' : ''} from them)` : ''}`,
      '',
    );
    const sorted = [...causes].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    const texts = sorted.map((cause, index) => {
      const sameFixAs = sorted.slice(0, index).find((earlier) => earlier.fix === cause.fix);
      return findingText(
        cause,
        result.findings.filter((finding) => finding.follows === cause.class),
        sameFixAs,
      );
    });
    lines.push(texts.join('\n\n'));
  }
  for (const note of result.notes) lines.push('', `Note: ${note}`);
  return terminalSafe(`${lines.join('\n')}\n`);
}
