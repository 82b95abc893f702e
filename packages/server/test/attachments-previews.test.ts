// Thumbnails of a large image are made off the event loop: while the server decodes and scales a
// 64-megapixel upload, it keeps answering other requests promptly.
import assert from "node:assert/strict";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { after, before, test } from "node:test";
import sharp from "sharp";
import { boardWithCard, pngImage, upload } from "./attachment-helpers.ts";
import { type AttachmentServer, startAttachmentServer } from "./attachment-servers.ts";
import { Person } from "./harness.ts";

let env: AttachmentServer;
let ada: Person;
before(async () => {
  env = await startAttachmentServer("local");
  ada = await Person.signUp(env.server, "ada");
});
after(() => env.stop());

test("a 64-megapixel image gets its previews without stalling the event loop", async (t) => {
  const { card } = await boardWithCard(ada);
  const big = await sharp({
    create: { width: 8000, height: 8000, channels: 3, background: { r: 40, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();
  // Warm up (module loading, JIT) so the measurement sees the image work alone.
  await upload(ada, card.id, await pngImage(700, 500), { fileName: "warm.png" });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const pending = upload(ada, card.id, big, { fileName: "huge.png", fields: { setCover: "true" } });
  // Other requests keep being answered while the image is processed.
  const pings: number[] = [];
  let done = false;
  void pending.finally(() => {
    done = true;
  });
  while (!done) {
    const t = performance.now();
    await fetch(`${env.server.url}/livez`);
    pings.push(performance.now() - t);
  }
  const res = await pending;
  const took = performance.now() - started;
  delay.disable();
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(
    res.body.previews.map((p: { width: number; height: number }) => [p.width, p.height]),
    [
      [320, 320],
      [640, 640],
    ],
  );
  const maxDelayMs = delay.max / 1e6;
  t.diagnostic(
    `upload ${took.toFixed(0)} ms, ${pings.length} pings meanwhile (slowest ${Math.max(...pings).toFixed(0)} ms), event loop max delay ${maxDelayMs.toFixed(0)} ms`,
  );
  assert.ok(pings.length >= 3, `the upload took ${took.toFixed(0)} ms, long enough to ping during it`);
  // Decoding and resizing 64 megapixels in JavaScript on the event loop would stall it for
  // seconds; on sharp's worker threads only short stalls remain (synchronous SQLite commits, GC of
  // the upload's buffers), a few hundred ms at worst on a busy 2-core machine. The bounds sit between
  // the two, so machine noise does not fail the test and a regression to in-loop work does.
  assert.ok(maxDelayMs < 1000, `event loop stalled for ${maxDelayMs.toFixed(0)} ms`);
  assert.ok(Math.max(...pings) < 1500, `a request waited ${Math.max(...pings).toFixed(0)} ms`);
});

test("a file that only claims to be an image is still attached, without previews", async () => {
  const { card } = await boardWithCard(ada);
  const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]);
  const res = await upload(ada, card.id, fakeJpeg, { fileName: "broken.jpg" });
  assert.equal(res.status, 200);
  assert.equal(res.body.mimeType, "image/jpeg");
  assert.deepEqual(res.body.previews, []);
});
