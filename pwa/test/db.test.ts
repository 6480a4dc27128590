import { openDB } from "idb";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/sync/db";

describe("the device database", () => {
  it("steps aside when a newer version of the app needs to upgrade it", async () => {
    await openDatabase("db-upgrade-test");
    let blocked = false;
    const newer = await openDB("db-upgrade-test", 4, {
      blocked() {
        blocked = true;
      },
    });
    expect(blocked).toBe(false);
    expect(newer.version).toBe(4);
    newer.close();
  });
});
