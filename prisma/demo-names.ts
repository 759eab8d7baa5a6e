/** Name and department material for the demo organisation (deterministic, no randomness). */
export const FIRST_NAMES = [
  "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Isabella", "James", "Mia", "William", "Charlotte", "Benjamin", "Harper",
  "Lucas", "Evelyn", "Henry", "Abigail", "Theodore", "Emily", "Jack", "Ella", "Levi", "Elizabeth", "Alexander", "Camila", "Mateo", "Luna", "Daniel",
  "Sofia", "Michael", "Avery", "Mason", "Mila", "Sebastian", "Aria", "Ethan", "Scarlett", "Logan", "Penelope", "Owen", "Layla", "Samuel", "Chloe",
  "Jacob", "Victoria", "Asher", "Madison", "Aiden", "Eleanor", "John", "Grace", "Joseph", "Nora", "Wyatt", "Riley", "David", "Zoey", "Leo",
  "Hannah", "Luke", "Hazel", "Julian", "Lily", "Hudson", "Ellie", "Grayson", "Violet", "Matthew", "Lillian", "Ezra", "Zoe", "Gabriel", "Stella",
  "Priya", "Arjun", "Mei", "Hiroshi", "Fatima", "Omar", "Ingrid", "Lars", "Chiara", "Marco", "Aisha", "Kwame", "Sven", "Ana", "Diego", "Yusuf",
];

export const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson",
  "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis",
  "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
  "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Kim", "Chen", "Schmidt", "Rossi", "Novak", "Okafor", "Lindqvist", "Tanaka", "Haddad",
];

export const DEPARTMENTS = [
  { name: "Finance", jobCodes: ["FIN-ACC", "FIN-CTL", "FIN-AP"] },
  { name: "Human Resources", jobCodes: ["HR-BP", "HR-REC"] },
  { name: "Sales", jobCodes: ["SAL-AE", "SAL-SDR", "SAL-MGR"] },
  { name: "Marketing", jobCodes: ["MKT-CNT", "MKT-OPS"] },
  { name: "Operations", jobCodes: ["OPS-COORD", "OPS-MGR"] },
  { name: "Engineering", jobCodes: ["ENG-SWE", "ENG-QA", "ENG-MGR"] },
  { name: "Customer Support", jobCodes: ["CS-REP", "CS-LEAD"] },
  { name: "Legal", jobCodes: ["LEG-CNS"] },
  { name: "Procurement", jobCodes: ["PRC-BUY"] },
  { name: "Facilities", jobCodes: ["FAC-TECH"] },
];

/** The n-th person's name: walks both lists with co-prime strides so names rarely repeat. */
export function demoName(n: number): string {
  return `${FIRST_NAMES[(n * 7) % FIRST_NAMES.length]} ${LAST_NAMES[(n * 13 + Math.floor(n / 60)) % LAST_NAMES.length]}`;
}
