import "server-only";
import type { DbOrTx } from "../db/transaction";

/** The categories a person can file a ticket under, by name (a short list: no paging needed). */
export async function listCategories(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db.category.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true }, take: 500 });
}
