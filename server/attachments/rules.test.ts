import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { checkContent, checkFileName, safeFileName } from "./rules";

const MB = 1024 * 1024;
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p)] : p)));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "rest");
const PDF = bytes("%PDF-1.7\n...");
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04], "rest");
const EXE = bytes("MZ", [0x90, 0, 3, 0]);

function refusal(fn: () => unknown): AppError<{ httpStatus: number }> & { details: { httpStatus: number } } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError<{ httpStatus: number }> & { details: { httpStatus: number } };
  }
  throw new Error("expected a refusal");
}

describe("attachment file names", () => {
  it("keeps only the last path segment, without control or direction characters", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("..\\..\\windows\\system32\\cmd.exe")).toBe("cmd.exe");
    expect(safeFileName("C:\\Users\\me\\Report 2026.pdf")).toBe("Report 2026.pdf");
    expect(safeFileName("evil\u0000.png")).toBe("evil.png");
    expect(safeFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(safeFileName("...hidden.txt")).toBe("hidden.txt");
    expect(safeFileName("../")).toBe("attachment");
    const long = safeFileName(`${"a".repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith(".pdf")).toBe(true);
  });

  it("judges the type by the cleaned name: a path trick cannot smuggle an extension", () => {
    expect(checkFileName("../../shot.png", 10, MB)).toMatchObject({ fileName: "shot.png", contentType: "image/png" });
    expect(refusal(() => checkFileName("report.pdf.exe", 10, MB)).details.httpStatus).toBe(415);
    expect(refusal(() => checkFileName("photo.png/../run.sh", 10, MB)).message).toMatch(
      /^\.sh files cannot be attached \(run\.sh\)/,
    );
    expect(refusal(() => checkFileName("../../etc/passwd", 10, MB)).message).toMatch(
      /^Files without an extension cannot be attached \(passwd\)/,
    );
  });
});

describe("attachment size", () => {
  it("accepts up to the limit and refuses beyond it with 413, naming both sizes", () => {
    expect(checkFileName("a.pdf", 10 * MB, 10 * MB).contentType).toBe("application/pdf");
    const big = refusal(() => checkFileName("big.pdf", 10 * MB + 1, 10 * MB));
    expect(big.details.httpStatus).toBe(413);
    expect(big.field).toBe("file");
    expect(big.message).toBe("big.pdf is 10 MB: files can be at most 10 MB.");
    expect(refusal(() => checkFileName("clip.png", 3 * MB, 2 * MB)).message).toBe(
      "clip.png is 3.0 MB: files can be at most 2.0 MB.",
    );
    expect(refusal(() => checkFileName("none.txt", 0, MB)).message).toMatch(/empty/);
  });
});

describe("attachment types", () => {
  it("refuses executables, web pages and SVG by name, with 415", () => {
    for (const name of [
      "setup.exe",
      "run.bat",
      "page.html",
      "page.htm",
      "logo.svg",
      "script.js",
      "macro.vbs",
      "tool.msi",
      "x.ps1",
    ]) {
      const error = refusal(() => checkFileName(name, 10, MB));
      expect(error.details.httpStatus, name).toBe(415);
      expect(error.message).toMatch(/cannot be attached/);
    }
  });

  it("accepts images, PDFs, Office files and text whose first bytes match their name", () => {
    expect(() => checkContent(checkFileName("s.png", 10, MB), PNG)).not.toThrow();
    expect(() => checkContent(checkFileName("s.PDF", 10, MB), PDF)).not.toThrow();
    expect(() => checkContent(checkFileName("s.docx", 10, MB), ZIP)).not.toThrow();
    expect(() =>
      checkContent(checkFileName("s.xls", 10, MB), bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
    ).not.toThrow();
    expect(() => checkContent(checkFileName("s.jpg", 10, MB), bytes([0xff, 0xd8, 0xff, 0xe0]))).not.toThrow();
    expect(() =>
      checkContent(checkFileName("app.log", 10, MB), bytes("2026-11-25 ERROR <b>not markup at the start</b>\n")),
    ).not.toThrow();
    expect(() => checkContent(checkFileName("data.csv", 10, MB), bytes("\uFEFFname,value\n"))).not.toThrow();
  });

  it("refuses a file whose content does not match its name (sniffed), and programs whatever their name", () => {
    expect(refusal(() => checkContent(checkFileName("shot.png", 10, MB), PDF)).message).toBe(
      "shot.png does not look like a PNG image: its content does not match its name, so it was not attached.",
    );
    expect(
      refusal(() => checkContent(checkFileName("doc.pdf", 10, MB), bytes("<html><script>alert(1)</script>"))).details
        .httpStatus,
    ).toBe(415);
    expect(refusal(() => checkContent(checkFileName("doc.docx", 10, MB), PDF)).message).toMatch(
      /does not look like an Office document/,
    );
    expect(refusal(() => checkContent(checkFileName("notes.txt", 10, MB), EXE)).message).toBe(
      "notes.txt is a program: programs cannot be attached.",
    );
    expect(
      refusal(() => checkContent(checkFileName("photo.jpg", 10, MB), bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1]))).message,
    ).toMatch(/is a program/);
    expect(refusal(() => checkContent(checkFileName("data.csv", 10, MB), bytes("a,b", [0, 1, 2]))).message).toMatch(
      /does not look like a text file/,
    );
  });

  it("refuses web pages, SVG and scripts hidden in text files", () => {
    for (const text of [
      "<!DOCTYPE html><p>hi",
      "  <html>",
      '\uFEFF<svg xmlns="http://www.w3.org/2000/svg">',
      '<?xml version="1.0"?><svg/>',
      "<script>alert(1)</script>",
      "#!/bin/sh\nrm -rf /",
    ]) {
      const error = refusal(() => checkContent(checkFileName("readme.txt", 10, MB), bytes(text)));
      expect(error.details.httpStatus, text).toBe(415);
      expect(error.message).toMatch(/web page, markup or a script/);
    }
  });
});
