package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.util.Optional;

/** Signing keys of local actors. */
public final class LocalKeyDao {
    public record LocalKeyRow(long accountId, String rsaPublicPem, String rsaPrivatePem, byte[] ed25519Public,
                              byte[] ed25519Private) {
        @Override
        public String toString() {
            return "LocalKeyRow[" + accountId + "]";
        }
    }

    /** Stores keys unless the account has some already (two processes racing keep the first). */
    public void insertIfAbsent(Handle h, LocalKeyRow row) {
        h.createUpdate("""
                        INSERT INTO local_keys (account_id, rsa_public_pem, rsa_private_pem, ed25519_public, ed25519_private)
                        VALUES (:accountId, :rsaPublicPem, :rsaPrivatePem, :ed25519Public, :ed25519Private)
                        ON CONFLICT (account_id) DO NOTHING""")
                .bindMethods(row)
                .execute();
    }

    public Optional<LocalKeyRow> find(Handle h, long accountId) {
        return h.createQuery("""
                        SELECT account_id, rsa_public_pem, rsa_private_pem, ed25519_public, ed25519_private
                          FROM local_keys WHERE account_id = :id""")
                .bind("id", accountId)
                .mapTo(LocalKeyRow.class)
                .findOne();
    }
}
