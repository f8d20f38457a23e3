/** One row of a validation table: what was measured, what was expected, and the verdict. */
export interface Check {
  id: string;
  what: string;
  measured: number | string;
  expected: string;
  pass: boolean;
}

export function formatChecks(title: string, checks: Check[]): string {
  const rows = checks.map((c) => [c.pass ? 'PASS' : 'FAIL', c.id, c.what, typeof c.measured === 'number' ? c.measured.toFixed(4) : c.measured, c.expected]);
  const head = ['', 'check', 'what', 'measured', 'expected'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => String(r[k]).length)));
  const line = (r: string[]) => r.map((v, k) => String(v).padEnd(widths[k])).join('  ');
  return [`${title}`, line(head), ...rows.map(line)].join('\n');
}

/** Findings: what was measured, reported whichever way it fell (not a pass/fail check). */
export function formatFindings(findings: Array<{ id: string; what: string; measured: string }>): string {
  return ['Findings (reported whichever way they fall; not pass/fail)', ...findings.map((f) => `  ${f.id}  ${f.what}: ${f.measured}`)].join('\n');
}
