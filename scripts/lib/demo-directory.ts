import { DEPARTMENTS, demoName } from "../../prisma/demo-names";

/** prisma/seed.ts's DEMO_DOMAIN; not imported from there, which would load the database client. */
const DEMO_DOMAIN = "acme.test";

/*
 * The demo organisation as its identity provider knows it (the same emails, employee ids, job
 * codes and departments as prisma/seed.ts), for the local OpenID provider (`npm run idp`), plus
 * a few new hires seatdesk does not know yet, to show creation at first sign-in.
 */

export type DirectoryPerson = {
  sub: string;
  email: string;
  name: string;
  employee_id: string;
  job_code: string;
  department: string;
  groups: string[];
  employee_type: string;
};

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function demoDirectory(): Map<string, DirectoryPerson> {
  const people: DirectoryPerson[] = [];
  const add = (email: string, name: string, id: string, jobCode: string, department: string, groups: string[] = []) =>
    people.push({
      sub: id,
      email: `${email}@${DEMO_DOMAIN}`,
      name,
      employee_id: id,
      job_code: jobCode,
      department,
      groups,
      employee_type: "Employee",
    });
  add("admin", "Morgan Reyes", "EMP-0001", "IT-MGR", "IT", ["IT"]);
  add("cfo", "Avery Lindqvist", "EMP-0002", "FIN-CFO", "Finance", ["Finance leads"]);
  for (let i = 1; i <= 7; i++) add(`desk${pad(i, 2)}`, demoName(999 + i), `EMP-1${pad(i, 3)}`, "IT-SD", "IT", ["IT"]);
  for (let i = 1; i <= 20; i++)
    add(`spec${pad(i, 2)}`, demoName(1999 + i), `EMP-2${pad(i, 3)}`, "IT-SPEC", "IT", ["IT"]);
  for (let i = 1; i <= 1500; i++) {
    const dept = DEPARTMENTS[(i - 1) % DEPARTMENTS.length]!;
    add(
      `user${pad(i, 4)}`,
      demoName(i - 1),
      `EMP-5${pad(i, 4)}`,
      dept.jobCodes[(i - 1) % dept.jobCodes.length]!,
      dept.name,
    );
  }
  // New hires: in the directory, not (yet) in seatdesk.
  add("newhire1", "Robin Okafor", "EMP-9001", "IT-SD", "IT", ["IT"]);
  add("newhire2", "Sasha Novak", "EMP-9002", "SAL-AE", "Sales");
  add("newhire3", "Kai Tanaka", "EMP-9003", "IT-SPEC", "IT", ["IT"]);
  return new Map(people.map((p) => [p.email, p]));
}
