// Test helpers for attachments: multipart uploads the way a browser sends them (fetch + FormData),
// raw streaming uploads over a socket (for large, chunked and cut-off bodies), and a board with
// one card to attach things to.
import { request as httpRequest } from "node:http";
import type { Readable } from "node:stream";
import sharp from "sharp";
import type { Person, Response } from "./harness.ts";

export async function boardWithCard(person: Person, name = "Files") {
  const board = (await person.post("/1/boards", { name, defaultLists: true })).body;
  const lists = (await person.get(`/1/boards/${board.id}/lists`)).body;
  const card = (await person.post("/1/cards", { idList: lists[0].id, name: "With files" })).body;
  return { board, list: lists[0], card };
}

export interface UploadOptions {
  fileName?: string;
  type?: string;
  fields?: Record<string, string>;
  auth?: "token" | "session";
}

/** POST /1/cards/{id}/attachments as multipart/form-data, fields first and `file` last. */
export async function upload(
  person: Person,
  cardId: string,
  bytes: Uint8Array | string,
  options: UploadOptions = {},
): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(options.fields ?? {})) form.append(k, v);
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  form.append(
    "file",
    new Blob([data as Uint8Array<ArrayBuffer>], { type: options.type ?? "application/octet-stream" }),
    options.fileName ?? "file.bin",
  );
  const auth = options.auth ?? "token";
  let url = `${person.server.url}/1/cards/${cardId}/attachments`;
  const headers: Record<string, string> = {};
  if (auth === "token") url += `?key=${"0".repeat(32)}&token=${person.token}`;
  else Object.assign(headers, { cookie: person.cookie, "x-csrf-token": person.csrf });
  const res = await fetch(url, { method: "POST", body: form, headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, headers: res.headers };
}

/** Raw bytes of a download (token auth, or none for anonymous). */
export async function download(url: string, person?: Person, headers: Record<string, string> = {}) {
  const full = person
    ? `${url}${url.includes("?") ? "&" : "?"}key=${"0".repeat(32)}&token=${person.token}`
    : url;
  const res = await fetch(full, { headers, redirect: "manual" });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const BOUNDARY = "----tack-test-boundary";

export function multipartHead(fileName: string, fields: Record<string, string> = {}): Buffer {
  let head = "";
  for (const [k, v] of Object.entries(fields))
    head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return Buffer.from(head);
}
export const multipartTail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

export interface RawUploadOptions {
  /** Declare this Content-Length (else the body is sent chunked). */
  contentLength?: number;
  /** Stop sending after this many bytes of the body and reset the connection. */
  cutAfter?: number;
}

/**
 * Streams `file` as a multipart upload without ever holding it, the way a large upload arrives.
 * Resolves with the response, or with `null` when the connection was cut on purpose.
 */
export function rawUpload(
  person: Person,
  cardId: string,
  file: Readable,
  options: RawUploadOptions = {},
): Promise<{ status: number; body: any } | null> {
  const url = new URL(
    `${person.server.url}/1/cards/${cardId}/attachments?key=${"0".repeat(32)}&token=${person.token}`,
  );
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: "POST",
      headers: {
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        ...(options.contentLength !== undefined && { "content-length": String(options.contentLength) }),
      },
    });
    let sent = 0;
    let cut = false;
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        text += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || "null") }));
    });
    req.on("error", (error) => (cut ? resolve(null) : reject(error)));
    const write = (chunk: Buffer): boolean => {
      if (cut) return false;
      if (options.cutAfter !== undefined && sent + chunk.length > options.cutAfter) {
        req.write(chunk.subarray(0, options.cutAfter - sent));
        cut = true;
        file.destroy();
        setTimeout(() => {
          req.destroy();
          resolve(null);
        }, 50);
        return false;
      }
      sent += chunk.length;
      return req.write(chunk);
    };
    write(multipartHead("big.bin"));
    file.on("data", (chunk: Buffer) => {
      if (!write(chunk) && !cut) {
        file.pause();
        req.once("drain", () => file.resume());
      }
    });
    file.on("end", () => {
      if (!cut) {
        write(multipartTail);
        req.end();
      }
    });
  });
}

/** A real PNG image of the given size (a gradient, so it has content to scale). */
export async function pngImage(width: number, height: number): Promise<Buffer> {
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = 128;
    }
  return sharp(pixels, { raw: { width, height, channels } }).png().toBuffer();
}
