import { describe, expect, it } from "vitest";
import { cleanClientRequestId, requestIdsOf } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("makes the request id on the server whatever the caller sends", () => {
    const ids = requestIdsOf(new Headers({ "x-request-id": "chosen-by-the-caller" }));
    expect(ids.requestId).toMatch(UUID);
    expect(ids.requestId).not.toBe("chosen-by-the-caller");
    expect(ids.clientRequestId).toBe("chosen-by-the-caller");
    expect(requestIdsOf(new Headers()).clientRequestId).toBeNull();
  });

  it("keeps a caller's id only when it is a short token of safe characters", () => {
    for (const hostile of ["a b", "x\u0000y", "<script>", "a".repeat(65), "id\nINFO forged log line", "é"])
      expect(cleanClientRequestId(hostile), hostile).toBeNull();
    expect(cleanClientRequestId("req-1.2:3_4")).toBe("req-1.2:3_4");
  });
});
