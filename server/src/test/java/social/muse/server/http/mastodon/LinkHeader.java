package social.muse.server.http.mastodon;

import social.muse.server.testing.TestHttp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A response's Link header as masto.js reads it: each target URL by its rel, in any order. */
record LinkHeader(Map<String, String> byRel) {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]+)\"");

    static LinkHeader of(TestHttp.Response response) {
        Map<String, String> byRel = new LinkedHashMap<>();
        response.header("Link").ifPresent(header -> {
            Matcher m = LINK.matcher(header);
            while (m.find()) {
                byRel.put(m.group(2), m.group(1));
            }
        });
        return new LinkHeader(byRel);
    }

    Optional<String> next() {
        return Optional.ofNullable(byRel.get("next"));
    }

    Optional<String> prev() {
        return Optional.ofNullable(byRel.get("prev"));
    }
}
