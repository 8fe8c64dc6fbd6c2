package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Jdbi;
import social.muse.federation.signature.SignedRequest;
import social.muse.federation.signature.VerificationResult;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FetchAccessDao;
import social.muse.server.db.StatusRow;

/**
 * Who fetches our ActivityPub documents, from the request's HTTP signature, and what they may read. A signature
 * is checked as the inboxes check it ({@link SignatureCheck}); whether an unsigned fetch is served is the
 * caller's policy (authorized-fetch mode).
 */
public final class SignedFetches {
    private final Jdbi jdbi;
    private final SignatureCheck signatures;
    private final RemoteActors remoteActors;
    private final FetchAccessDao access;

    public SignedFetches(Jdbi jdbi, SignatureCheck signatures, RemoteActors remoteActors, FetchAccessDao access) {
        this.jdbi = jdbi;
        this.signatures = signatures;
        this.remoteActors = remoteActors;
        this.access = access;
    }

    /** Who asks. */
    public sealed interface FetchRequester {
        /** No signature at all. */
        record Anonymous() implements FetchRequester {
        }

        /** A valid signature by {@code remoteActor}'s key. */
        record Signed(AccountRow remoteActor) implements FetchRequester {
        }

        /** A signature that fails, or a signer we do not serve; {@code message} is safe to send back. */
        record Refused(int status, String message) implements FetchRequester {
        }
    }

    public FetchRequester authenticate(SignedRequest request) {
        return switch (signatures.check(request)) {
            case SignatureCheck.Outcome.Signed signed -> remoteActors.known(signed.signerUri())
                    .<FetchRequester>map(signer -> signer.suspendedAt() != null
                            ? new FetchRequester.Refused(403, "This server does not serve your account")
                            : new FetchRequester.Signed(signer))
                    .orElseGet(() -> new FetchRequester.Refused(401, "The signing key has no known owner"));
            case SignatureCheck.Outcome.FromSuspendedDomain ignored ->
                    new FetchRequester.Refused(403, "This server does not serve your domain");
            case SignatureCheck.Outcome.Rejected rejected when rejected.reason() == VerificationResult.Reason.MISSING_SIGNATURE ->
                    new FetchRequester.Anonymous();
            case SignatureCheck.Outcome.Rejected rejected -> new FetchRequester.Refused(401, rejected.message());
        };
    }

    /**
     * Whether {@code requester} may read {@code author}'s {@code status}, by Mastodon's rules: public and unlisted
     * posts (and tombstones) to anyone the author does not block; followers-only posts to followers and mentioned
     * accounts; direct posts to mentioned accounts. Refused requesters read nothing.
     */
    public boolean mayRead(FetchRequester requester, StatusRow status, AccountRow author) {
        boolean open = status.deletedAt() != null || status.readableByAnyone();
        return switch (requester) {
            case FetchRequester.Anonymous ignored -> open;
            case FetchRequester.Refused ignored -> false;
            case FetchRequester.Signed signed -> {
                FetchAccessDao.Standing standing = jdbi.withHandle(h ->
                        access.standing(h, author.id(), status.id(), signed.remoteActor().id()));
                yield !standing.blocked() && (open
                        || status.visibility().equals("private") && (standing.follower() || standing.mentioned())
                        || status.visibility().equals("direct") && standing.mentioned());
            }
        };
    }
}
