/**
 * The analyst's files, kept in the browser (IndexedDB) so a reload finds the
 * work where it was, and a rubric carried in a link (deflate-raw, base64url).
 */
export interface StoredFile {
  readonly name: string;
  readonly text: string;
}

const DB = "rubric-playground";
const STORE = "files";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "name" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed"));
  });
}

export async function loadFiles(): Promise<StoredFile[]> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const req = db.transaction(STORE).objectStore(STORE).getAll();
    req.onsuccess = () => resolve(req.result as StoredFile[]);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed"));
  });
}

export async function saveFile(f: StoredFile): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, "readwrite");
    tx.objectStore(STORE).put(f);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
  });
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([new Uint8Array(bytes)]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

const toBase64Url = (b: Uint8Array): string => {
  let bin = "";
  for (const x of b) bin += String.fromCharCode(x);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

const fromBase64Url = (s: string): Uint8Array =>
  Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

/** `#share=…` for a file: its name and text, compressed. */
export async function shareHash(f: StoredFile): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(f));
  return `#share=${toBase64Url(await pipe(json, new CompressionStream("deflate-raw")))}`;
}

export async function fromShareHash(hash: string): Promise<StoredFile | undefined> {
  const m = /^#share=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m?.[1]) return undefined;
  try {
    const json = await pipe(fromBase64Url(m[1]), new DecompressionStream("deflate-raw"));
    const f = JSON.parse(new TextDecoder().decode(json)) as StoredFile;
    return typeof f.name === "string" && typeof f.text === "string" ? f : undefined;
  } catch {
    return undefined;
  }
}
