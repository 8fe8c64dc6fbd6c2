package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** OAuth applications, authorization codes and access tokens. Secrets are stored only as SHA-256 hashes. */
public final class OAuthDao {

    public record AppRow(long id, String name, String website, String[] redirectUris, String scopes,
                         String clientId, String clientSecretHash, Instant createdAt) {
        public List<String> redirectUriList() {
            return List.of(redirectUris);
        }
    }

    public record CodeRow(String codeHash, long applicationId, long accountId, String redirectUri, String scopes,
                          String codeChallenge, Instant expiresAt, Instant usedAt) {
    }

    public record TokenRow(long id, long applicationId, Long accountId, String scopes, Instant createdAt,
                           Instant lastUsedAt) {
    }

    private static final String APP_COLUMNS = "id, name, website, redirect_uris, scopes, client_id, client_secret_hash, created_at";
    private static final String TOKEN_COLUMNS = "id, application_id, account_id, scopes, created_at, last_used_at";

    public AppRow insertApp(Handle h, String name, String website, List<String> redirectUris, String scopes,
                            String clientId, String clientSecretHash) {
        return h.createQuery("""
                        INSERT INTO oauth_applications (name, website, redirect_uris, scopes, client_id, client_secret_hash)
                        VALUES (:name, :website, :redirectUris, :scopes, :clientId, :secretHash)
                        RETURNING""" + " " + APP_COLUMNS)
                .bind("name", name)
                .bind("website", website)
                .bindArray("redirectUris", String.class, redirectUris)
                .bind("scopes", scopes)
                .bind("clientId", clientId)
                .bind("secretHash", clientSecretHash)
                .mapTo(AppRow.class)
                .one();
    }

    public Optional<AppRow> appByClientId(Handle h, String clientId) {
        return h.createQuery("SELECT " + APP_COLUMNS + " FROM oauth_applications WHERE client_id = :clientId")
                .bind("clientId", clientId)
                .mapTo(AppRow.class)
                .findOne();
    }

    public Optional<AppRow> appById(Handle h, long id) {
        return h.createQuery("SELECT " + APP_COLUMNS + " FROM oauth_applications WHERE id = :id")
                .bind("id", id)
                .mapTo(AppRow.class)
                .findOne();
    }

    public void insertCode(Handle h, String codeHash, long applicationId, long accountId, String redirectUri,
                           String scopes, String codeChallenge, Instant expiresAt) {
        h.createUpdate("""
                        INSERT INTO oauth_authorization_codes
                               (code_hash, application_id, account_id, redirect_uri, scopes, code_challenge, expires_at)
                        VALUES (:codeHash, :applicationId, :accountId, :redirectUri, :scopes, :codeChallenge, :expiresAt)""")
                .bind("codeHash", codeHash)
                .bind("applicationId", applicationId)
                .bind("accountId", accountId)
                .bind("redirectUri", redirectUri)
                .bind("scopes", scopes)
                .bind("codeChallenge", codeChallenge)
                .bind("expiresAt", expiresAt)
                .execute();
    }

    /** Locks the code's row, so two concurrent exchanges of one code cannot both succeed. */
    public Optional<CodeRow> codeForUpdate(Handle h, String codeHash) {
        return h.createQuery("""
                        SELECT code_hash, application_id, account_id, redirect_uri, scopes, code_challenge, expires_at, used_at
                          FROM oauth_authorization_codes WHERE code_hash = :codeHash FOR UPDATE""")
                .bind("codeHash", codeHash)
                .mapTo(CodeRow.class)
                .findOne();
    }

    public void markCodeUsed(Handle h, String codeHash) {
        h.createUpdate("UPDATE oauth_authorization_codes SET used_at = now() WHERE code_hash = :codeHash")
                .bind("codeHash", codeHash)
                .execute();
    }

    public TokenRow insertToken(Handle h, String tokenHash, String refreshTokenHash, long applicationId,
                                Long accountId, String scopes, String authorizationCodeHash) {
        return h.createQuery("""
                        INSERT INTO oauth_tokens (token_hash, refresh_token_hash, application_id, account_id, scopes,
                                                  authorization_code_hash)
                        VALUES (:tokenHash, :refreshHash, :applicationId, :accountId, :scopes, :codeHash)
                        RETURNING""" + " " + TOKEN_COLUMNS)
                .bind("tokenHash", tokenHash)
                .bind("refreshHash", refreshTokenHash)
                .bind("applicationId", applicationId)
                .bind("accountId", accountId)
                .bind("scopes", scopes)
                .bind("codeHash", authorizationCodeHash)
                .mapTo(TokenRow.class)
                .one();
    }

    public Optional<TokenRow> activeToken(Handle h, String tokenHash) {
        return h.createQuery("SELECT " + TOKEN_COLUMNS + " FROM oauth_tokens WHERE token_hash = :hash AND revoked_at IS NULL")
                .bind("hash", tokenHash)
                .mapTo(TokenRow.class)
                .findOne();
    }

    public Optional<TokenRow> activeTokenByRefresh(Handle h, String refreshHash) {
        return h.createQuery("SELECT " + TOKEN_COLUMNS
                        + " FROM oauth_tokens WHERE refresh_token_hash = :hash AND revoked_at IS NULL FOR UPDATE")
                .bind("hash", refreshHash)
                .mapTo(TokenRow.class)
                .findOne();
    }

    /** Records use at most once an hour per token, so authenticated reads do not each cost a write. */
    public void touch(Handle h, long tokenId) {
        h.createUpdate("""
                        UPDATE oauth_tokens SET last_used_at = now()
                         WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 hour')""")
                .bind("id", tokenId)
                .execute();
    }

    /** Revokes the token whose access or refresh secret hashes to {@code hash}, if it belongs to the application. */
    public int revokeBySecretHash(Handle h, String hash, long applicationId) {
        return h.createUpdate("""
                        UPDATE oauth_tokens SET revoked_at = now()
                         WHERE (token_hash = :hash OR refresh_token_hash = :hash)
                           AND application_id = :appId AND revoked_at IS NULL""")
                .bind("hash", hash)
                .bind("appId", applicationId)
                .execute();
    }

    public void revoke(Handle h, long tokenId) {
        h.createUpdate("UPDATE oauth_tokens SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
                .bind("id", tokenId)
                .execute();
    }

    public void revokeIssuedFromCode(Handle h, String codeHash) {
        h.createUpdate("UPDATE oauth_tokens SET revoked_at = now() WHERE authorization_code_hash = :codeHash AND revoked_at IS NULL")
                .bind("codeHash", codeHash)
                .execute();
    }

    public void revokeAllOfAccount(Handle h, long accountId) {
        h.createUpdate("UPDATE oauth_tokens SET revoked_at = now() WHERE account_id = :id AND revoked_at IS NULL")
                .bind("id", accountId)
                .execute();
    }
}
