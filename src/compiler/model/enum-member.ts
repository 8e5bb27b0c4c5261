import type { RubricModel } from "./types.js";

/** Whether a name is also an enum member (its uses are then not resolved: the clash is the error). */
export function isEnumMember(model: RubricModel, name: string): boolean {
  for (const en of model.enums.values()) if (en.members.includes(name)) return true;
  return false;
}
