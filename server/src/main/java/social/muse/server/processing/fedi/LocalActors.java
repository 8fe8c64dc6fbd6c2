package social.muse.server.processing.fedi;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.jdbi.v3.core.Jdbi;
import social.muse.federation.keys.Pem;
import social.muse.federation.keys.SigningKey;
import social.muse.federation.keys.VerificationKey;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.LocalKeyDao;
import social.muse.server.db.LocalKeyDao.LocalKeyRow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The actors this instance speaks for: its people and the instance actor (an Application that signs
 * fetches and reports on the instance's behalf). Keys are made the first time an actor needs them
 * and kept in memory afterwards; they never change.
 */
public final class LocalActors {
    /** Cannot be a person's name: sign-up allows only letters, digits and underscores. */
    public static final String INSTANCE_ACTOR_USERNAME = "instance.actor";

    /** An actor's two keys: RSA for Mastodon-compatible signatures, Ed25519 for FEP-521a. */
    public record Keys(SigningKey.Rsa rsa, SigningKey.Ed25519 ed25519) {
        @Override
        public String toString() {
            return "Keys[redacted]";
        }
    }

    private final Jdbi jdbi;
    private final AccountDao accounts;
    private final LocalKeyDao keys;
    private final Map<Long, Keys> cache = new ConcurrentHashMap<>();
    private volatile AccountRow instanceActor;

    public LocalActors(Jdbi jdbi, AccountDao accounts, LocalKeyDao keys) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.keys = keys;
    }

    public Keys keys(long accountId) {
        return cache.computeIfAbsent(accountId, this::loadOrCreate);
    }

    private Keys loadOrCreate(long accountId) {
        LocalKeyRow row = jdbi.withHandle(h -> keys.find(h, accountId)).orElseGet(() -> {
            SigningKey.Rsa rsa = SigningKey.generateRsa();
            SigningKey.Ed25519 ed = SigningKey.generateEd25519();
            LocalKeyRow fresh = new LocalKeyRow(accountId, Pem.encodePublicKey(rsa.verificationKey()),
                    Pem.encodePrivateKey(rsa), ((VerificationKey.Ed25519) ed.verificationKey()).raw(),
                    ed.parameters().getEncoded());
            return jdbi.inTransaction(h -> {
                keys.insertIfAbsent(h, fresh);
                return keys.find(h, accountId).orElseThrow();
            });
        });
        return new Keys((SigningKey.Rsa) Pem.decodePrivateKey(row.rsaPrivatePem()),
                new SigningKey.Ed25519(new Ed25519PrivateKeyParameters(row.ed25519Private(), 0)));
    }

    /** The instance actor's account, created on first use. */
    public AccountRow instanceActor() {
        AccountRow actor = instanceActor;
        if (actor == null) {
            actor = jdbi.inTransaction(h -> accounts.byUsername(h, INSTANCE_ACTOR_USERNAME, null)
                    .orElseGet(() -> accounts.insertInstanceActor(h, INSTANCE_ACTOR_USERNAME)));
            instanceActor = actor;
        }
        return actor;
    }

    public boolean isInstanceActor(AccountRow account) {
        return account.isLocal() && account.username().equals(INSTANCE_ACTOR_USERNAME);
    }
}
