/**
 * A let or an input named like an enum member: `结论 = 达成` could mean either,
 * so the name is a duplicate (and the checker says so, instead of a type error
 * at the comparison).
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { walkTree } from "../model/paths.js";
import type { LetDef } from "../model/types.js";
import type * as A from "../syntax/ast.js";
import type { CheckContext } from "./context.js";

export function checkNameClashes({ model }: CheckContext): Diagnostic[] {
  const members = new Map<string, { enumName: string; member: A.Name; file: string }>();
  for (const en of model.enums.values())
    for (const m of en.decl.members)
      if (!members.has(m.text)) members.set(m.text, { enumName: en.name, member: m, file: en.file });
  if (members.size === 0) return [];
  const out: Diagnostic[] = [];
  const clash = (name: A.Name, kind: "let" | "input", file: string): void => {
    const m = members.get(name.text);
    if (!m || file !== model.file) return;
    out.push(
      diagnostic("duplicate-name", { file, span: name.span }, { name: name.text, kind }, [
        {
          file: m.file,
          span: m.member.span,
          message: { zh: `枚举「${m.enumName}」的成员也叫此名`, en: `also a member of enum '${m.enumName}'` },
        },
      ]),
    );
  };
  const lets: LetDef[] = [...model.lets.values()];
  for (const n of walkTree(model.groups)) if (n.kind === "indicator") lets.push(...n.lets);
  for (const l of lets) clash(l.decl.name, "let", l.file);
  for (const i of model.inputs.values()) clash(i.decl.name, "input", i.file);
  return out;
}

export { isEnumMember } from "../model/enum-member.js";
