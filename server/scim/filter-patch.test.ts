import { describe, expect, it } from "vitest";
import { evaluate, parseFilter } from "./filter";
import { applyPatch, parsePatchBody, PATCH_SCHEMA } from "./patch";
import { ScimError } from "./errors";
import { USER_SCHEMA, ENTERPRISE_SCHEMA } from "./schemas";

/* The SCIM filter grammar and the PATCH engine, on their own (RFC 7644 §3.4.2.2, §3.5.2). */

const scimTypeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof ScimError ? e.scimType : e;
  }
};

describe("filters", () => {
  it("binds not over and over or, and reads parentheses, strings with escapes, booleans and value paths", () => {
    expect(parseFilter('a eq "1" or b eq "2" and c pr')).toEqual({
      op: "or",
      left: { op: "cmp", attr: "a", cmp: "eq", value: "1" },
      right: { op: "and", left: { op: "cmp", attr: "b", cmp: "eq", value: "2" }, right: { op: "pr", attr: "c" } },
    });
    const f = parseFilter('not (active eq False) and emails[type eq "work" and value co "\\"q\\""]');
    expect(evaluate(f, { active: true, emails: [{ type: "work", value: 'a"q"@x' }] })).toBe(true);
    expect(evaluate(f, { active: false, emails: [{ type: "work", value: 'a"q"@x' }] })).toBe(false);
    expect(evaluate(parseFilter('userName sw "ANN"'), { USERNAME: "ann@x" })).toBe(true);
  });

  it("refuses malformed filters with invalidFilter", () => {
    for (const bad of ['userName eq "x', "userName eq", 'userName like "x"', '(userName eq "x"', "userName eq x", ")"])
      expect(
        scimTypeOf(() => parseFilter(bad)),
        bad,
      ).toBe("invalidFilter");
  });
});

describe("PATCH", () => {
  const ops = (...Operations: unknown[]) => parsePatchBody({ schemas: [PATCH_SCHEMA], Operations });
  const user = () => ({
    userName: "a@x",
    name: { givenName: "A", familyName: "B" },
    emails: [{ type: "work", value: "a@x", primary: true }],
    [ENTERPRISE_SCHEMA]: { department: "IT" },
  });

  it("adds, replaces and removes with and without paths, in any case", () => {
    const r = applyPatch(
      user(),
      ops(
        { op: "Replace", path: "name.familyName", value: "C" },
        { op: "ADD", path: "emails", value: [{ type: "home", value: "h@x" }] },
        { op: "remove", path: 'emails[type eq "work"]' },
        { op: "replace", path: `${ENTERPRISE_SCHEMA}:department`, value: "Sales" },
        { op: "add", value: { displayName: "Ann", [`${ENTERPRISE_SCHEMA}:employeeNumber`]: "E1" } },
      ),
      USER_SCHEMA,
    );
    expect(r).toEqual({
      userName: "a@x",
      displayName: "Ann",
      name: { givenName: "A", familyName: "C" },
      emails: [{ type: "home", value: "h@x" }],
      [ENTERPRISE_SCHEMA]: { department: "Sales", employeeNumber: "E1" },
    });
  });

  it("removes members by value filter or by value list, and leaves the original untouched", () => {
    const group = { displayName: "G", members: [{ value: "1" }, { value: "2" }, { value: "3" }] };
    const byFilter = applyPatch(group, ops({ op: "remove", path: 'members[value eq "2"]' }), USER_SCHEMA);
    expect(byFilter.members).toEqual([{ value: "1" }, { value: "3" }]);
    const byList = applyPatch(
      group,
      ops({ op: "Remove", path: "members", value: [{ value: "1", $ref: null }] }),
      USER_SCHEMA,
    );
    expect(byList.members).toEqual([{ value: "2" }, { value: "3" }]);
    expect(group.members).toHaveLength(3);
  });

  it("refuses a bad PATCH body: wrong schema, unknown op, remove without path, bad path", () => {
    expect(scimTypeOf(() => parsePatchBody({ schemas: [], Operations: [] }))).toBe("invalidSyntax");
    expect(scimTypeOf(() => ops({ op: "move", path: "x", value: 1 }))).toBe("invalidSyntax");
    expect(scimTypeOf(() => applyPatch(user(), ops({ op: "remove" }), USER_SCHEMA))).toBe("noTarget");
    expect(
      scimTypeOf(() => applyPatch(user(), ops({ op: "replace", path: "emails[type eq", value: 1 }), USER_SCHEMA)),
    ).toBe("invalidPath");
  });
});
