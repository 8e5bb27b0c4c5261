/** A generated rubric of `n` indicators in groups of 10, each with a band rule and a judged part (~250 bytes per indicator). */
export function generatedRubric(n: number): string {
  const groups: string[] = [];
  for (let g = 0; g < n / 10; g++) {
    const inds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const k = g * 10 + i;
      inds.push(`    indicator 指标${k} 10 {
      note "第 ${k} 个指标的说明文字，用于模拟真实评分表中较长的指标说明。"
      let 比率${k} = 实际${g} / 计划${g}
      part 档位 6 = bands 比率${k} { >= 95% -> 6; [90%, 95%) -> 4; [80%, 90%) -> 2; < 80% -> 1 }
      part 评议 4 = judged
    }`);
    }
    groups.push(
      `  input 计划${g}: money(万元) > 0\n  input 实际${g}: money(万元) >= 0\n  group 分组${g} 100 {\n${inds.join("\n")}\n  }`,
    );
  }
  return `rubric 生成 {\n  total ${n * 10}\n  rounding indicator 2 half-up\n${groups.join("\n")}\n}\n`;
}
