/** A `.rubric` file's bytes as text: UTF-8 (a byte-order mark dropped), or why it cannot be analysed. */
import { firstInvalidUtf8Byte } from "../compiler/syntax/parse.js";
import type { Unreadable } from "./host.js";

export function rubricText(bytes: Uint8Array): string | Unreadable {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\ufeff/, "");
  } catch {
    const byte = firstInvalidUtf8Byte(bytes);
    const hex = (bytes[byte] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return {
      unreadable: {
        zh: `不是有效的 UTF-8 文本（第 ${byte} 字节 0x${hex} 无效）`,
        en: `not valid UTF-8 text (invalid byte 0x${hex} at offset ${byte})`,
      },
      lossyText: new TextDecoder("utf-8").decode(bytes),
    };
  }
}
