// Who is acting: every write transaction names its actor, so that the database's own
// audit triggers (migration 0005) attribute each write (O10: staff answer for updates).
import type { Database, Queryable } from '../../db/database.js';

export interface Actor {
  /** account id; null for the system itself (scheduled jobs, start-up) */
  id: string | null;
  name: string;
  requestId?: string | undefined;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

/** Runs fn in a transaction attributed to actor. */
export function actAs<T>(db: Database, actor: Actor, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(
      `select set_config('lis.actor_id', $1, true), set_config('lis.actor_name', $2, true), set_config('lis.request_id', $3, true)`,
      [actor.id ?? '', actor.name, actor.requestId ?? ''],
    );
    return fn(tx);
  });
}
