package social.muse.server.http.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.processing.accounts.PlainText;

/**
 * The few server-rendered pages (sign-in and consent, owner setup, e-mail confirmation, password
 * reset) share this layout. Every dynamic value goes through {@link #escape}. Pages may not be framed
 * (clickjacking of the consent button) and load nothing from elsewhere.
 */
public final class Html {
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private Html() {
    }

    public static String escape(String text) {
        return text == null ? "" : PlainText.escape(text);
    }

    public static void send(ServerResponse res, int status, String title, String body) {
        res.status(status)
                .header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", CSP)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .send(page(title, body));
    }

    public static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Muse</title>
                <style>
                  body { font-family: system-ui, sans-serif; background: #14121a; color: #f4f1fa; margin: 0; }
                  main { max-width: 26rem; margin: 3rem auto; padding: 2rem; background: #211d2b; border-radius: 12px; }
                  h1 { font-size: 1.4rem; margin-top: 0; }
                  label { display: block; margin: 1rem 0 .3rem; font-weight: 600; }
                  input[type=text], input[type=email], input[type=password] { width: 100%%; box-sizing: border-box;
                    padding: .6rem; border-radius: 6px; border: 1px solid #5b5470; background: #14121a; color: inherit; font-size: 1rem; }
                  button { margin-top: 1.2rem; padding: .65rem 1.2rem; border: 0; border-radius: 6px; font-size: 1rem;
                    cursor: pointer; background: #b48cff; color: #14121a; font-weight: 700; }
                  button.secondary { background: transparent; color: #f4f1fa; border: 1px solid #5b5470; }
                  button:focus-visible, input:focus-visible { outline: 3px solid #ffd166; outline-offset: 2px; }
                  .error { background: #4a1f2a; border-left: 4px solid #ff6b81; padding: .6rem .8rem; border-radius: 4px; }
                  .notice { background: #1f3a2e; border-left: 4px solid #5bd68f; padding: .6rem .8rem; border-radius: 4px; }
                  ul.scopes { padding-left: 1.2rem; } code.secret { font-size: 1.1rem; word-break: break-all; }
                  .actions { display: flex; gap: .8rem; flex-wrap: wrap; } a { color: #cdb4ff; }
                </style>
                </head>
                <body><main>
                %s
                </main></body>
                </html>
                """.formatted(escape(title), body);
    }

    /** A hidden input; both name and value are escaped. */
    public static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">";
    }

    /** A labelled, required input; {@code value} pre-fills it after a refused submission. */
    public static String input(String type, String name, String label, String autocomplete, String value) {
        return "<label for=\"" + escape(name) + "\">" + escape(label) + "</label>\n"
                + "<input type=\"" + escape(type) + "\" id=\"" + escape(name) + "\" name=\"" + escape(name)
                + "\" autocomplete=\"" + escape(autocomplete) + "\" value=\"" + escape(value) + "\" required>\n";
    }

    /** A form that posts {@code fields} (already rendered) with the CSRF token to {@code action}. */
    public static String form(String action, String csrfToken, String fields, String button) {
        return "<form method=\"post\" action=\"" + escape(action) + "\">\n" + hidden(Csrf.FIELD, csrfToken) + "\n"
                + fields + "<button type=\"submit\">" + escape(button) + "</button>\n</form>\n";
    }

    public static String notice(String message) {
        return "<p class=\"notice\" role=\"status\">" + escape(message) + "</p>";
    }

    public static String error(String message) {
        return message == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(message) + "</p>";
    }
}
