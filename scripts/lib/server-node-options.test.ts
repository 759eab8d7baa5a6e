import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_OPTIONS, withServerNodeOptions } from "./server-node-options";

describe("the server's Node options", () => {
  it("are added to what NODE_OPTIONS already holds, which is kept", () => {
    expect(withServerNodeOptions({ NODE_ENV: "test", NODE_OPTIONS: "--enable-source-maps" }).NODE_OPTIONS).toBe(
      `--enable-source-maps ${SERVER_NODE_OPTIONS}`,
    );
    expect(withServerNodeOptions({ NODE_ENV: "test" }).NODE_OPTIONS).toBe(SERVER_NODE_OPTIONS);
  });

  it("are accepted by Node in NODE_OPTIONS (a flag it refuses there would stop the server at start)", () => {
    const run = spawnSync(process.execPath, ["-e", "process.exit(0)"], {
      env: withServerNodeOptions({ NODE_ENV: "test", PATH: process.env.PATH }),
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
