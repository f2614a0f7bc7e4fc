import type { TokenInfo } from '../../shared/contract/methods';
import type { Member } from '../../shared/model/types';
import { query } from '../app/commands';
import { confirmAction } from '../inspect/menu-store';
import { useUiStore } from '../state/ui-store';
import type { NewToken } from './InviteMember';

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });

/**
 * A member's live tokens, for the owner: each can be revoked (at once, on every instance of a
 * team server: its calls are refused and its live connections cut), or all of them together,
 * and another can be minted. The service decides who may; a refusal is shown as it comes.
 */
export function MemberTokens({
  member,
  tokens,
  onChanged,
  onMinted,
}: {
  member: Member;
  tokens: TokenInfo[];
  onChanged: () => void;
  onMinted: (token: NewToken) => void;
}) {
  const revoke = async (which: { token_id: string } | { member: string }, text: string) => {
    if (!(await confirmAction(text, 'token_id' in which ? 'Revoke token' : 'Revoke all'))) return;
    const done = await query('token.revoke', which);
    onChanged();
    if (done) {
      const n = done.revoked.length;
      useUiStore
        .getState()
        .toast('info', `${member.username}: ${n} token${n === 1 ? '' : 's'} revoked.`);
    }
  };
  const mint = async () => {
    const made = await query('token.create', { member: member.id });
    onChanged();
    if (made) onMinted({ member, token: made.token, reason: 'token' });
  };
  const consequence = 'Pages and clients using it lose access at once.';
  return (
    <div className="lg-tokens">
      {tokens.length === 0 ? (
        <p className="lg-muted">No live token: {member.username} cannot sign in.</p>
      ) : (
        <ul aria-label={`Tokens of ${member.username}`}>
          {tokens.map((t) => (
            <li key={t.token_id} data-token={t.token_id}>
              <span className="lg-muted lg-tokens__meta">
                <span>
                  <code>{t.token_id.slice(0, 8)}</code> · {t.label}
                </span>
                <time dateTime={t.created_time}>made {when(t.created_time)}</time>
              </span>
              <button
                type="button"
                aria-label={`Revoke token ${t.token_id.slice(0, 8)} of ${member.username}`}
                onClick={() =>
                  void revoke(
                    { token_id: t.token_id },
                    `Revoke ${member.username}’s token ${t.token_id.slice(0, 8)}? ${consequence}`,
                  )
                }
              >
                Revoke token
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="lg-row">
        <button
          type="button"
          aria-label={`New token for ${member.username}`}
          onClick={() => void mint()}
        >
          New token
        </button>
        {tokens.length > 1 && (
          <button
            type="button"
            aria-label={`Revoke every token of ${member.username}`}
            onClick={() =>
              void revoke(
                { member: member.id },
                `Revoke all ${tokens.length} tokens of ${member.username}? ${consequence}`,
              )
            }
          >
            Revoke all
          </button>
        )}
      </div>
    </div>
  );
}
