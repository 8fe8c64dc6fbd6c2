package social.muse.server.testing;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser on the server-rendered pages: it keeps the cookies the server sets and sends
 * them back, and reads hidden form fields (the CSRF token) out of pages. Safe to share between threads.
 */
public final class Browser {
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private final TestHttp http;
    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    public Browser(TestHttp http) {
        this.http = http;
    }

    public TestHttp.Response get(String path) {
        return keepCookies(http.send(withCookies(http.request(path).GET())));
    }

    /** Posts {@code form} as a browser would, with the cookies it holds. */
    public TestHttp.Response post(String path, Map<String, String> form) {
        return keepCookies(http.send(withCookies(http.request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.form(form))))));
    }

    /** Opens {@code page}, fills in {@code fields} and submits the form to {@code action}, hidden fields included. */
    public TestHttp.Response submit(String page, String action, Map<String, String> fields) {
        TestHttp.Response shown = get(page);
        if (shown.status() != 200) {
            throw new AssertionError("Form page " + page + " answered " + shown);
        }
        Map<String, String> form = new LinkedHashMap<>(hiddenFields(shown.body()));
        form.putAll(fields);
        return post(action, form);
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    public static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        }
        return fields;
    }

    private HttpRequest.Builder withCookies(HttpRequest.Builder builder) {
        if (!cookies.isEmpty()) {
            builder.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        return builder;
    }

    private TestHttp.Response keepCookies(TestHttp.Response response) {
        List<String> setCookies = response.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                .flatMap(e -> e.getValue().stream())
                .toList();
        for (String setCookie : setCookies) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return response;
    }
}
