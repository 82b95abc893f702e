// An HTTP request held open on purpose: headers and half the body are sent now, the rest when
// the test says so. It is "in flight" on the server for as long as the test wants.
import { connect, type Socket } from "node:net";

export interface SlowRequest {
  /** Sends the rest of the body; resolves with the raw HTTP response text. */
  finish(): Promise<string>;
  socket: Socket;
}

export async function startSlowRequest(port: number, path: string, body: string): Promise<SlowRequest> {
  const socket = connect(port, "127.0.0.1");
  await new Promise<void>((done, fail) => {
    socket.once("connect", done);
    socket.once("error", fail);
  });
  let response = "";
  socket.on("data", (chunk) => {
    response += chunk.toString();
  });
  const ended = new Promise<string>((done) => {
    socket.once("close", () => done(response));
    socket.once("error", () => done(response));
  });
  const half = Math.floor(body.length / 2);
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body.slice(0, half)}`,
  );
  return {
    socket,
    async finish() {
      socket.write(body.slice(half));
      // The server closes the connection after answering while it shuts down; else we end it.
      const timer = setTimeout(() => socket.end(), 2_000);
      const text = await ended;
      clearTimeout(timer);
      return text;
    },
  };
}
