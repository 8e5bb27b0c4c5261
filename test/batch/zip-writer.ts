/** A minimal zip writer for hand-made XLSX test files (deflated entries, no zip64). */
import { crc32, deflateRawSync } from "node:zlib";

export function zipFile(
  entries: Record<string, string | Buffer | { deflated: Buffer; size: number; crc: number }>,
): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBuf = Buffer.from(name, "utf8");
    let data: Buffer;
    let size: number;
    let crc: number;
    if (typeof content === "string" || Buffer.isBuffer(content)) {
      const raw = typeof content === "string" ? Buffer.from(content, "utf8") : content;
      data = deflateRawSync(raw);
      size = raw.length;
      crc = crc32(raw);
    } else ({ deflated: data, size, crc } = content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(nameBuf.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    central.push(cd, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A workbook whose sheets are listed (tab order) as given, stored in the zip in reverse order. */
export function workbook(
  sheets: { name: string; rows: (string | number)[][]; hidden?: boolean }[],
  extra: Record<string, string | Buffer | { deflated: Buffer; size: number; crc: number }> = {},
): Buffer {
  const files: Record<string, string | Buffer | { deflated: Buffer; size: number; crc: number }> = {};
  sheets
    .map((s, i) => ({ s, i }))
    .reverse()
    .forEach(({ s, i }) => {
      const rows = s.rows.map(
        (r, ri) =>
          `<row r="${ri + 1}">${r.map((c) => (typeof c === "number" ? `<c><v>${c}</v></c>` : `<c t="inlineStr"><is><t>${esc(c)}</t></is></c>`)).join("")}</row>`,
      );
      files[`xl/worksheets/sheet${i + 1}.xml`] =
        `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
    });
  Object.assign(files, extra);
  files["xl/_rels/workbook.xml.rels"] =
    `<?xml version="1.0"?><Relationships>${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}</Relationships>`;
  files["xl/workbook.xml"] =
    `<?xml version="1.0"?><workbook xmlns:r="r"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.hidden ? ' state="hidden"' : ""}/>`).join("")}</sheets></workbook>`;
  return zipFile(files);
}
