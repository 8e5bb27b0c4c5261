/** The campaign's counters and findings, and how they are printed at the end. */

export interface Finding {
  readonly phase: "mutants" | "generated" | "hostile";
  readonly kind: string;
  readonly detail: string;
  /** The reduced fixture written under test/fixtures/fuzz/, if any. */
  readonly fixture?: string;
}

export class Stats {
  mutants = 0;
  cleanMutants = 0;
  formatted = 0;
  compiled = 0;
  tscChecked = 0;
  mutantInputsCompared = 0;
  generatedRubrics = 0;
  generatedInputs = 0;
  /** Of those, departments that scored (the rest failed alike in both scorers). */
  generatedScored = 0;
  /** Generated rubrics the checker rejected (a generator or checker defect: a finding). */
  generatedRejected = 0;
  hostileFiles = 0;
  readonly hostileClasses = new Set<string>();
  rowsIn = 0;
  rowsUnaccounted = 0;
  readonly findings: Finding[] = [];

  count(kind: string): number {
    return this.findings.filter((f) => f.kind === kind).length;
  }
  get crashes(): number {
    return this.findings.filter((f) => /crash|stack-trace|exit-code|slow|memory/.test(f.kind)).length;
  }
  get mismatches(): number {
    return this.findings.filter((f) => /mismatch|fmt-|bad-range|tsc|rejected/.test(f.kind)).length;
  }

  add(f: Finding): void {
    this.findings.push(f);
  }

  summary(): string {
    const lines = [
      `mutants: ${this.mutants} (clean ${this.cleanMutants}, formatted ${this.formatted}, compiled ${this.compiled}, tsc-checked ${this.tscChecked}, inputs compared on clean mutants ${this.mutantInputsCompared})`,
      `generated rubrics × inputs compared: ${this.generatedRubrics} × ${this.generatedRubrics ? Math.round(this.generatedInputs / this.generatedRubrics) : 0} = ${this.generatedInputs} (${this.generatedScored} scored, the rest failed alike; rejected by the checker: ${this.generatedRejected})`,
      `hostile files: ${this.hostileFiles} in ${this.hostileClasses.size} classes (${[...this.hostileClasses].sort().join(", ")}); rows in ${this.rowsIn}, unaccounted ${this.rowsUnaccounted}`,
      `mismatches: ${this.mismatches}  crashes: ${this.crashes}  rows unaccounted: ${this.rowsUnaccounted}`,
    ];
    const byKind = new Map<string, Finding[]>();
    for (const f of this.findings)
      byKind.set(`${f.phase}/${f.kind}`, [...(byKind.get(`${f.phase}/${f.kind}`) ?? []), f]);
    for (const [k, fs] of byKind) {
      lines.push(`  ${k}: ${fs.length}`);
      for (const f of fs.slice(0, 3))
        lines.push(
          `    ${f.fixture ? `${f.fixture}: ` : ""}${f.detail.split("\n").slice(0, 3).join(" / ").slice(0, 300)}`,
        );
    }
    return lines.join("\n");
  }
}
