// What the connection indicator shows. `live`: a WebSocket subscription is up; `polling`: sockets
// are unavailable, changes arrive by polling; `reconnecting`: the socket dropped and a new one is
// being opened (polling fills the gap meanwhile); `offline`: the browser has no network.
import { signal } from "@preact/signals";

export type ConnectionState = "connecting" | "live" | "polling" | "reconnecting" | "offline";
export const connectionState = signal<ConnectionState>("connecting");
