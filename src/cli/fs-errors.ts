/** A failed file-system call said in plain words (Chinese and English), for messages that name the path themselves. */
import type { Message } from "../compiler/diagnostics/diagnostic.js";

const REASONS: Record<string, Message> = {
  ENOSPC: { zh: "磁盘空间不足", en: "no space left on the device" },
  EDQUOT: { zh: "超出磁盘配额", en: "disk quota exceeded" },
  EACCES: { zh: "没有权限", en: "permission denied" },
  EPERM: { zh: "不允许此操作", en: "operation not permitted" },
  EROFS: { zh: "文件系统只读", en: "the file system is read-only" },
  ENOENT: { zh: "路径不存在", en: "no such file or directory" },
  ENOTDIR: { zh: "路径中有一段不是目录", en: "a part of the path is not a directory" },
  EISDIR: { zh: "这是一个目录", en: "it is a directory" },
  EEXIST: { zh: "已有同名文件", en: "a file of that name already exists" },
  ENAMETOOLONG: { zh: "文件名过长", en: "the file name is too long" },
  EMFILE: { zh: "打开的文件过多", en: "too many open files" },
  EIO: { zh: "读写出错", en: "input/output error" },
  EXDEV: { zh: "不能跨文件系统改名", en: "cannot rename across file systems" },
  EBUSY: { zh: "文件正被占用", en: "the file is busy" },
  ELOOP: { zh: "符号链接层数过多", en: "too many levels of symbolic links" },
};

export function fsReason(e: unknown): Message {
  const err = e as NodeJS.ErrnoException | undefined;
  const code = err?.code;
  const known = code ? REASONS[code] : undefined;
  if (known) return { zh: `${known.zh}（${code}）`, en: `${known.en} (${code})` };
  const raw = err?.message ?? String(e);
  return { zh: raw, en: raw };
}
