/** Stand-ins for the network, given to code that takes a `Fetch`. */
import type { Fetch } from "../src/api/http";

/** A server that answers every request with `status` and `body` as JSON. */
export const answering =
  (status: number, body: unknown): Fetch =>
  async () =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** No connection: fetch fails the way browsers fail it. */
export const offline: Fetch = async () => {
  throw new TypeError("Failed to fetch");
};
