/**
 * Member tokens on a team server: sha256 hashes in the `tokens` table, which every instance
 * reads, so a token made on one instance opens the workspace on all of them at once. Known
 * hashes are kept in memory; a token not yet known here is looked up in the database.
 * Revoking one (`revoked_time`) is announced on `linkgraph_tokens`, and every instance
 * forgets it.
 */
import type { ServiceError } from '../../shared/contract/errors';
import type { TokenInfo } from '../../shared/contract/methods';
import { err, ok, type Result } from '../../shared/model/result';
import { hashToken, REVOKED, type TokenOwner } from '../api/tokens';
import type { TokenBook, TokenEntry, TokenSelector } from '../service/token-book';
import { databaseError, type Database } from './database';

export const TOKENS_CHANNEL = 'linkgraph_tokens';

interface TokenRow {
  workspace: string | null;
  member: string;
  revoked: boolean;
}

export class TeamTokens implements TokenBook {
  private readonly known = new Map<string, TokenOwner>();
  private readonly revokedListeners = new Set<(hash: string) => void>();

  private constructor(private readonly db: Database) {}

  static async start(db: Database): Promise<TeamTokens> {
    const tokens = new TeamTokens(db);
    await db.listen(
      TOKENS_CHANNEL,
      (hash) => {
        tokens.known.delete(hash);
        for (const listener of tokens.revokedListeners) listener(hash);
      },
      // Revocations may have been missed while the connection was down: ask again.
      () => tokens.known.clear(),
    );
    return tokens;
  }

  /**
   * The member (and workspace) a presented token speaks for; `REVOKED` for a member's token
   * the owner revoked; undefined for one never made here — or the server owner's token a
   * restart replaced (the only way that one is revoked: the page is told its link is no longer
   * valid, not that the owner revoked the owner).
   */
  async resolve(token: string): Promise<TokenOwner | typeof REVOKED | undefined> {
    const hash = hashToken(token);
    const cached = this.known.get(hash);
    if (cached) return cached;
    const [row] = await this.db.query<TokenRow>(
      'SELECT workspace, member, revoked_time IS NOT NULL AS revoked FROM tokens WHERE hash = $1',
      [hash],
    );
    if (!row) return undefined;
    if (row.revoked) return row.workspace === null ? undefined : REVOKED;
    const owner =
      row.workspace === null
        ? { member: row.member }
        : { member: row.member, workspace: row.workspace };
    this.known.set(hash, owner);
    return owner;
  }

  /** Keeps a token's hash; `workspace: null` is the server owner's token for every workspace. */
  async store(
    entry: TokenEntry | (Omit<TokenEntry, 'workspace'> & { workspace: null }),
    token: string,
  ): Promise<Result<void, ServiceError>> {
    try {
      await this.db.query(
        'INSERT INTO tokens (hash, workspace, member, label) VALUES ($1, $2, $3, $4)',
        [hashToken(token), entry.workspace, entry.member, entry.label],
      );
      return ok(undefined);
    } catch (cause) {
      return err(databaseError(cause, 'save the token'));
    }
  }

  /** The workspace's live tokens, oldest first (the owner's server-wide token is not one). */
  async list(workspace: string): Promise<Result<TokenInfo[], ServiceError>> {
    try {
      const rows = await this.db.query<{
        hash: string;
        member: string;
        label: string;
        created_time: Date | string;
      }>(
        'SELECT hash, member, label, created_time FROM tokens WHERE workspace = $1 AND revoked_time IS NULL ORDER BY created_time, hash',
        [workspace],
      );
      return ok(
        rows.map((r) => ({
          token_id: r.hash,
          member: r.member,
          label: r.label,
          created_time: new Date(r.created_time).toISOString(),
        })),
      );
    } catch (cause) {
      return err(databaseError(cause, 'list the tokens'));
    }
  }

  onRevoked(listener: (hash: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => void this.revokedListeners.delete(listener);
  }

  /** Revokes the workspace's tokens `which` names (kept, marked revoked); every instance forgets them. */
  async revoke(workspace: string, which: TokenSelector): Promise<Result<string[], ServiceError>> {
    try {
      const hashes = await this.db.transaction(async (tx) => {
        const rows = await tx.query<{ hash: string }>(
          'hash' in which
            ? 'UPDATE tokens SET revoked_time = now() WHERE workspace = $1 AND hash = $2 AND revoked_time IS NULL RETURNING hash'
            : 'UPDATE tokens SET revoked_time = now() WHERE workspace = $1 AND member = $2 AND revoked_time IS NULL RETURNING hash',
          [workspace, 'hash' in which ? which.hash : which.member],
        );
        for (const { hash } of rows)
          await tx.query('SELECT pg_notify($1, $2)', [TOKENS_CHANNEL, hash]);
        return rows.map((r) => r.hash);
      });
      // Here at once (the notice, also heard here, comes a moment later).
      for (const hash of hashes) {
        this.known.delete(hash);
        for (const listener of this.revokedListeners) listener(hash);
      }
      return ok(hashes);
    } catch (cause) {
      return err(databaseError(cause, 'revoke the token'));
    }
  }

  /** Revokes the token (kept, marked revoked); every instance forgets it. */
  async forget(hash: string): Promise<Result<boolean, ServiceError>> {
    try {
      const done = await this.db.transaction(async (tx) => {
        const rows = await tx.query(
          'UPDATE tokens SET revoked_time = now() WHERE hash = $1 AND revoked_time IS NULL RETURNING hash',
          [hash],
        );
        await tx.query('SELECT pg_notify($1, $2)', [TOKENS_CHANNEL, hash]);
        return rows.length > 0;
      });
      this.known.delete(hash);
      return ok(done);
    } catch (cause) {
      return err(databaseError(cause, 'revoke the token'));
    }
  }
}
