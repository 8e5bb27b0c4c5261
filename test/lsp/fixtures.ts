/** Small rubrics for the language-server tests: a base in one file, a derived rubric with an example in another. */
export const BASE_URI = "file:///ws/base.rubric";
export const DERIVED_URI = "file:///ws/derived.rubric";

export const BASE = `// 基础评分表
rubric 基础 2023 {
  total 10
  rounding indicator 2 half-up
  grades { 优 >= 9; 差 otherwise }
  input 计划金额: money(万元) > 0
  input 实际金额: money(万元) >= 0
  input 满意度: ratio in [0, 100%]
  input 公开情况: 公开
  enum 公开 { 按规定公开, 未公开 }
  let 执行率 = 实际金额 / 计划金额
  group 管理 6 {
    indicator 采购 4 {
      note "采购执行情况"
      part 执行 2 = if 实际金额 > 计划金额 then 0 else 执行率 * 2
      part 政策 2 = judged
    }
    indicator 公开性 2 {
      score = tiers 公开情况 { 按规定公开 -> 2; 未公开 -> 0 }
    }
  }
  group 效果 4 {
    indicator 满意 4 {
      standard "多行的
评分标准"
      score = bands 满意度 { >= 90% -> 4; [80%, 90%) -> 2; < 80% -> 0 }
    }
  }
}
`;

export const DERIVED = `rubric 派生 2024 extends 基础 2023 {
  reword 采购 { note "新的说明" }
  rename 管理.公开性 to 信息公开
}

example "派生案例" for 派生 2024 {
  given {
    计划金额 = 100
    实际金额 = 99
    满意度 = 95%
    公开情况 = 按规定公开
  }
  judge rest full
  expect 采购 = 3.98
  expect 信息公开 = 2
  expect total = 9.98
  expect grade = 优
}
`;
