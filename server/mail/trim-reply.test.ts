import { describe, expect, it } from "vitest";
import { trimQuotedReply } from "./trim-reply";

describe("trimQuotedReply", () => {
  it("cuts at 'On ... wrote:' and drops the quoted lines", () => {
    expect(
      trimQuotedReply(
        "Yes, it works now.\nThanks!\n\nOn Mon, 7 Dec 2026 at 10:00, IT Desk <desk@x> wrote:\n> Try tray 2\n> bye",
      ),
    ).toBe("Yes, it works now.\nThanks!");
  });

  it("cuts at Outlook's original message and its header block, not at a 'From:' in the text", () => {
    expect(trimQuotedReply("See below.\n\n-----Original Message-----\nFrom: Desk\nSent: Monday")).toBe("See below.");
    expect(trimQuotedReply("Done\n\nFrom: IT Desk <desk@x>\nSent: Monday\nTo: me\nSubject: Re")).toBe("Done");
    expect(trimQuotedReply("From: the printer on floor 2, nothing comes out.")).toBe(
      "From: the printer on floor 2, nothing comes out.",
    );
  });

  it("drops the desk's own footer and trailing quotes, keeps inline quotes the person answered", () => {
    expect(trimQuotedReply("> Which printer?\nThe HP one.\n\n> more\n")).toBe("> Which printer?\nThe HP one.");
    expect(trimQuotedReply("ok\n--\nseatdesk, the IT service desk. Reply to this mail to add to the ticket")).toBe(
      "ok",
    );
  });

  it("keeps everything rather than nothing", () => {
    expect(trimQuotedReply("On Monday, Desk wrote:\n> hello")).toBe("On Monday, Desk wrote:\n> hello");
  });
});
