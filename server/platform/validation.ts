/** zod issues → `[{path, message}]`, the `details` of a VALIDATION_FAILED / 400 reply. */
import type { ZodError } from "zod";

export interface FieldIssue {
  path: string;
  message: string;
}

export function describeIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

export function summarizeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => `${i.path || "(body)"}: ${i.message}`).join("; ");
}
