package social.muse.server.processing.accounts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns text people type (a bio, a profile field) into the safe HTML clients display. */
public final class PlainText {
    public static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+[^\\s<>\"'.,;:!?)]");

    private PlainText() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escaped text with http(s) links made clickable. */
    public static String linkify(String text) {
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(escape(text.substring(last, m.start())));
            String url = escape(m.group());
            out.append("<a href=\"").append(url).append("\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">")
                    .append(url).append("</a>");
            last = m.end();
        }
        out.append(escape(text.substring(last)));
        return out.toString();
    }

    /** Paragraphs on blank lines, line breaks on single newlines, as Mastodon renders a bio. */
    public static String toHtml(String text) {
        String normalized = text.replace("\r\n", "\n").strip();
        if (normalized.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (String paragraph : normalized.split("\n{2,}")) {
            html.append("<p>").append(linkify(paragraph).replace("\n", "<br>")).append("</p>");
        }
        return html.toString();
    }
}
