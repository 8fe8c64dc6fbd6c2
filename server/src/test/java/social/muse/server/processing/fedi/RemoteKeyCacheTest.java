package social.muse.server.processing.fedi;

import org.junit.jupiter.api.Test;
import social.muse.federation.keys.SigningKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemoteKeyCacheTest {
    private static final RemoteKeyCache.CachedKey KEY = new RemoteKeyCache.CachedKey(
            SigningKey.generateRsa().verificationKey(), 7, "https://remote.example/users/bob");

    @Test
    void aKeyLoadedBeforeItsAccountWasForgottenIsNotKept() {
        RemoteKeyCache cache = new RemoteKeyCache();
        long beforeLoad = cache.generation();
        cache.forgetAccount(7);
        cache.put("https://remote.example/users/bob#main-key", KEY, beforeLoad);
        assertTrue(cache.get("https://remote.example/users/bob#main-key").isEmpty());
    }

    @Test
    void forgettingAnAccountDropsOnlyItsKeys() {
        RemoteKeyCache cache = new RemoteKeyCache();
        cache.put("https://remote.example/users/bob#main-key", KEY, cache.generation());
        RemoteKeyCache.CachedKey other = new RemoteKeyCache.CachedKey(KEY.key(), 8, "https://remote.example/users/eve");
        cache.put("https://remote.example/users/eve#main-key", other, cache.generation());

        cache.forgetAccount(7);

        assertTrue(cache.get("https://remote.example/users/bob#main-key").isEmpty());
        assertEquals(other, cache.get("https://remote.example/users/eve#main-key").orElseThrow());
    }
}
