package social.muse.federation.html;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.ap.ApObject;
import social.muse.federation.ap.ApActivity;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlSanitizerTest {

    private static final HtmlSanitizer SANITIZER = new HtmlSanitizer();
    private static final String LINK_ATTRIBUTES = "rel=\"nofollow noopener noreferrer\" target=\"_blank\"";

    @TestFactory
    Stream<DynamicTest> xssPayloadsLeaveNothingExecutable() {
        Map<String, String> payloads = Map.ofEntries(
                Map.entry("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
                Map.entry("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
                Map.entry("<img src=x onerror=alert(1)>", ""),
                Map.entry("<p onclick=\"alert(1)\" style=\"color:red\">hi</p>", "<p>hi</p>"),
                Map.entry("<a href=\"javascript:alert(1)\">click</a>", "click"),
                Map.entry("<a href=\"jav&#x61;script:alert(1)\">click</a>", "click"),
                Map.entry("<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>", "x"),
                Map.entry("<a href=\"java\tscript:alert(1)\">x</a>", "x"),
                Map.entry("<a href=\" JaVaScRiPt:alert(1)\">x</a>", "x"),
                Map.entry("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "x"),
                Map.entry("<a href=\"vbscript:msgbox\">x</a>", "x"),
                Map.entry("<a href=\"//evil.example/\">x</a>", "x"),
                Map.entry("<svg><script>alert(1)</script><a xlink:href=\"javascript:alert(1)\">y</a></svg>z", "z"),
                Map.entry("<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>z", "z"),
                Map.entry("<style>p{background:url(javascript:alert(1))}</style><p>s</p>", "<p>s</p>"),
                Map.entry("<iframe src=\"https://evil.example\"></iframe>f", "f"),
                Map.entry("<scr<script>ipt>alert(1)</scr</script>ipt>", "ipt&gt;alert(1)ipt&gt;"),
                Map.entry("<<p>x</p>", "&lt;<p>x</p>"),
                Map.entry("<p><a href=\"https://ok.example/\" onmouseover=\"alert(1)\" class=\"evil mention\">@a</a></p>",
                        "<p><a href=\"https://ok.example/\" class=\"mention\" " + LINK_ATTRIBUTES + ">@a</a></p>"),
                Map.entry("<form action=\"https://evil.example\"><input value=\"x\"><button>go</button></form>", "go"),
                Map.entry("<div><object data=\"x.swf\"></object>d</div>", "d"),
                Map.entry("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", ""),
                Map.entry("<template><script>alert(1)</script></template>t", "t"),
                Map.entry("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
                Map.entry("<a href=\"https://ok.example/\" target=\"_self\" rel=\"opener\">o</a>",
                        "<a href=\"https://ok.example/\" " + LINK_ATTRIBUTES + ">o</a>"));
        return payloads.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            String clean = SANITIZER.sanitize(entry.getKey());
            assertEquals(entry.getValue(), clean);
            String lower = clean.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("<script") || lower.contains("javascript:") && lower.contains("href")
                    || lower.contains("onerror=") || lower.contains("<svg") || lower.contains("<img"), clean);
        }));
    }

    @Test
    void keepsMastodonsElementsAndMicroformatClasses() {
        String html = "<p>Hi <span class=\"h-card\"><a href=\"https://m.example/@a\" class=\"u-url mention\">@<span>a</span></a></span> "
                + "<a href=\"https://m.example/tags/folk\" class=\"mention hashtag\" rel=\"tag\">#<span>folk</span></a></p>"
                + "<blockquote><p><del>old</del> <strong>b</strong> <em>i</em> <b>b</b> <i>i</i> <u>u</u><br>"
                + "<code>c</code></p></blockquote><pre><code>x</code></pre><ol start=\"3\" reversed><li value=\"5\">one</li></ol><ul><li>two</li></ul>"
                + "<span class=\"invisible\">https://</span><span class=\"ellipsis\">long</span><span class=\"fancy\">f</span>";
        assertEquals("<p>Hi <span class=\"h-card\"><a href=\"https://m.example/@a\" class=\"u-url mention\" " + LINK_ATTRIBUTES
                + ">@<span>a</span></a></span> <a href=\"https://m.example/tags/folk\" class=\"mention hashtag\" " + LINK_ATTRIBUTES
                + ">#<span>folk</span></a></p><blockquote><p><del>old</del> <strong>b</strong> <em>i</em> <b>b</b> <i>i</i> <u>u</u><br>"
                + "<code>c</code></p></blockquote><pre><code>x</code></pre><ol start=\"3\" reversed><li value=\"5\">one</li></ol><ul><li>two</li></ul>"
                + "<span class=\"invisible\">https://</span><span class=\"ellipsis\">long</span><span>f</span>", SANITIZER.sanitize(html));
    }

    @Test
    void headingsBecomeBoldParagraphsAndOtherElementsTheirText() {
        assertEquals("<p><strong>Title</strong></p>text<p>x</p>", SANITIZER.sanitize("<h1>Title</h1><div>text<p>x</p></div>"));
        assertEquals("a table", SANITIZER.sanitize("<table><tr><td>a table</td></tr></table>"));
        assertEquals("", SANITIZER.sanitize(null));
        assertEquals("plain &amp; simple", SANITIZER.sanitize("plain & simple"));
    }

    @Test
    void realContentFromTheCorpusKeepsItsLinksAndMentions() throws Exception {
        ApCodec codec = new ApCodec("https://muse.example/ns#");
        ApActivity create = assertInstanceOf(ApActivity.class, codec.read(corpus("mastodon/mastodon-post-activity-hashtag.json")));
        String content = assertInstanceOf(ApObject.class, create.singleObject().orElseThrow()).content();
        String clean = SANITIZER.sanitize(content);
        assertTrue(clean.contains("class=\"h-card\""), clean);
        assertTrue(clean.contains("class=\"u-url mention\""), clean);
        assertTrue(clean.contains("href=\"http://localtesting.pleroma.lol/users/lain\""), clean);
        assertTrue(clean.endsWith(" #moo</p>"), clean);
        ApObject article = assertInstanceOf(ApObject.class, codec.read(corpus("wordpress/page.json")));
        String cleanArticle = SANITIZER.sanitize(article.content());
        assertFalse(cleanArticle.contains("<img"), cleanArticle);
        assertFalse(cleanArticle.contains("<figure"), cleanArticle);
        assertEquals(cleanArticle, SANITIZER.sanitize(cleanArticle), "sanitising is idempotent");
    }

    private static byte[] corpus(String file) throws IOException {
        try (InputStream in = HtmlSanitizerTest.class.getResourceAsStream("/ap-corpus/" + file)) {
            return in.readAllBytes();
        }
    }
}
