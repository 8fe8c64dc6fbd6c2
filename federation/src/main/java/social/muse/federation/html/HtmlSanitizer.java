package social.muse.federation.html;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reduces remote HTML to what Mastodon 4.2+ keeps (federation.md §1 "Sanitization"): the elements
 * {@code p br span a del pre code em strong b i u ul ol li blockquote}; microformat classes
 * ({@code h-/p-/u-/dt-/e-}) and {@code mention hashtag invisible ellipsis}; links only to http(s),
 * others become their text; every link gets {@code rel="nofollow noopener noreferrer" target="_blank"}.
 * Headings become bold paragraphs, other unknown elements are unwrapped to their text, and the
 * contents of script-like elements are dropped entirely. Thread-safe.
 */
public final class HtmlSanitizer {

    private static final Set<String> DROPPED_WITH_CONTENTS = Set.of("script", "style", "template", "noscript", "iframe",
            "object", "embed", "svg", "math", "textarea", "select", "title", "head", "frameset", "frame", "applet");
    private static final Pattern KEPT_CLASS = Pattern.compile("^(?:(?:h|p|u|dt|e)-[a-z0-9-]+|mention|hashtag|invisible|ellipsis)$");
    private static final Pattern LIST_NUMBER = Pattern.compile("^-?[0-9]{1,9}$");

    private final Cleaner cleaner;

    public HtmlSanitizer() {
        Safelist safelist = new Safelist()
                .addTags("p", "br", "span", "a", "del", "pre", "code", "em", "strong", "b", "i", "u", "ul", "ol", "li",
                        "blockquote")
                .addAttributes("a", "href", "class")
                .addAttributes("span", "class")
                .addAttributes("ol", "start", "reversed")
                .addAttributes("li", "value")
                .addProtocols("a", "href", "http", "https");
        this.cleaner = new Cleaner(safelist);
    }

    public String sanitize(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        Document dirty = Jsoup.parseBodyFragment(html);
        for (Element element : dirty.body().select("*")) {
            if (DROPPED_WITH_CONTENTS.contains(element.normalName())) {
                element.remove();
            }
        }
        for (Element heading : dirty.body().select("h1, h2, h3, h4, h5, h6")) {
            Element strong = new Element("strong");
            strong.insertChildren(0, heading.childNodesCopy());
            heading.empty().tagName("p").appendChild(strong);
        }
        Document clean = cleaner.clean(dirty);
        for (Element link : clean.body().select("a")) {
            if (!link.hasAttr("href")) {
                link.unwrap();
                continue;
            }
            link.attr("rel", "nofollow noopener noreferrer");
            link.attr("target", "_blank");
        }
        for (Element classy : clean.body().select("[class]")) {
            StringBuilder kept = new StringBuilder();
            for (String name : classy.classNames()) {
                if (KEPT_CLASS.matcher(name).matches()) {
                    kept.append(kept.isEmpty() ? "" : " ").append(name);
                }
            }
            if (kept.isEmpty()) {
                classy.removeAttr("class");
            } else {
                classy.attr("class", kept.toString());
            }
        }
        for (Element numbered : clean.body().select("ol[start], li[value]")) {
            String attribute = numbered.normalName().equals("ol") ? "start" : "value";
            if (!LIST_NUMBER.matcher(numbered.attr(attribute).trim()).matches()) {
                numbered.removeAttr(attribute);
            }
        }
        clean.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base).charset("UTF-8");
        return clean.body().html();
    }
}
