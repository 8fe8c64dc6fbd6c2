package social.muse.server.processing.social;

import social.muse.server.processing.accounts.PlainText;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a post's text says besides its words: the accounts it mentions ({@code @name}, {@code @name@server}) and its
 * hashtags, and the HTML clients show, with those turned into links the way Mastodon writes them.
 */
public final class StatusText {
    private static final String MENTION = "(?<![\\w/@])@([A-Za-z0-9_]+)(?:@([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?))?";
    private static final String HASHTAG = "(?<![\\w/&#])#([\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*)";
    private static final Pattern TOKENS = Pattern.compile("(" + PlainText.URL.pattern() + ")|" + MENTION + "|" + HASHTAG);

    private StatusText() {
    }

    /** A mention as typed: {@code domain} is null for {@code @name}. */
    record Handle(String username, String domain) {
        /** The key a mention is looked up by: lower-case {@code name} or {@code name@domain}. */
        String key() {
            return (domain == null ? username : username + "@" + domain).toLowerCase(Locale.ROOT);
        }
    }

    /** A mentioned account as the HTML links it. */
    record Linked(String url, String username) {
    }

    /** The distinct mentions in {@code text}, in order. */
    static List<Handle> mentions(String text) {
        Set<String> seen = new LinkedHashSet<>();
        List<Handle> handles = new ArrayList<>();
        Matcher m = TOKENS.matcher(text);
        while (m.find()) {
            if (m.group(2) != null) {
                Handle handle = new Handle(m.group(2), m.group(3) == null ? null : m.group(3).toLowerCase(Locale.ROOT));
                if (seen.add(handle.key())) {
                    handles.add(handle);
                }
            }
        }
        return handles;
    }

    /**
     * A hashtag as it is stored and looked up: without its '#', lower-cased; empty when it is not one (letters,
     * digits and underscores, at most 100).
     */
    public static Optional<String> tagName(String raw) {
        String name = raw.replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        return name.matches("[\\p{L}\\p{N}_]{1,100}") ? Optional.of(name) : Optional.empty();
    }

    /** The distinct hashtags in {@code text}, lower-cased, in order. */
    static List<String> hashtags(String text) {
        Set<String> tags = new LinkedHashSet<>();
        Matcher m = TOKENS.matcher(text);
        while (m.find()) {
            if (m.group(4) != null) {
                tags.add(m.group(4).toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(tags);
    }

    /**
     * Paragraphs and line breaks as {@link PlainText#toHtml}, links made clickable, resolved mentions linked to the
     * account (unresolved ones stay text) and hashtags linked to {@code tagUrl}.
     */
    static String toHtml(String text, Map<String, Linked> mentioned, Function<String, String> tagUrl) {
        String normalized = text.replace("\r\n", "\n").strip();
        StringBuilder html = new StringBuilder();
        for (String paragraph : normalized.split("\n{2,}")) {
            if (!paragraph.isEmpty()) {
                html.append("<p>").append(inline(paragraph, mentioned, tagUrl).replace("\n", "<br>")).append("</p>");
            }
        }
        return html.toString();
    }

    private static String inline(String text, Map<String, Linked> mentioned, Function<String, String> tagUrl) {
        Matcher m = TOKENS.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(PlainText.escape(text.substring(last, m.start())));
            if (m.group(1) != null) {
                out.append(PlainText.linkify(m.group()));
            } else if (m.group(2) != null) {
                Handle handle = new Handle(m.group(2), m.group(3));
                Linked account = mentioned.get(handle.key());
                out.append(account == null ? PlainText.escape(m.group())
                        : "<span class=\"h-card\" translate=\"no\"><a href=\"" + PlainText.escape(account.url())
                        + "\" class=\"u-url mention\">@<span>" + PlainText.escape(account.username()) + "</span></a></span>");
            } else {
                String tag = m.group(4);
                out.append("<a href=\"").append(PlainText.escape(tagUrl.apply(tag.toLowerCase(Locale.ROOT))))
                        .append("\" class=\"mention hashtag\" rel=\"tag\">#<span>").append(PlainText.escape(tag))
                        .append("</span></a>");
            }
            last = m.end();
        }
        out.append(PlainText.escape(text.substring(last)));
        return out.toString();
    }
}
