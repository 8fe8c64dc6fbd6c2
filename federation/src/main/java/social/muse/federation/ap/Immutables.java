package social.muse.federation.ap;

import java.util.List;
import java.util.Map;

/** Defensive copies for record components: absent collections become empty, never null. */
final class Immutables {

    private Immutables() {
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    static <K, V> Map<K, V> map(Map<K, V> values) {
        return values == null ? Map.of() : Map.copyOf(values);
    }
}
