// @corsa/cli as a library: what `corsa check` and `corsa audit` run, for scripts and tests.
export { type AuditOptions, type AuditResult, audit, auditFails, FINDING_CLASSES, type Finding, type FindingClass, type Severity } from './audit.js';
export type { BrowserRequest, FailedStep } from './browser-fetch.js';
export { type CheckOptions, type CheckResult, check, type EngineVerdict, type ReportedExchange } from './check.js';
export { main } from './cli.js';
export { ENGINES, type EngineName } from './engine-facts.js';
export { BLOCKED_FETCH_ERRORS, engineMessage } from './engine-messages.js';
export type { FailureKind } from './fetch-standard.js';
export { NetworkError } from './http-send.js';
export { checkReport } from './report.js';
export { auditReport } from './report-audit.js';
export { browserRequestOf, type CheckInput, UsageError } from './request-spec.js';
export { STACK_NAMES, type StackName } from './stack.js';
