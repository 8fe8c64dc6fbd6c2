package social.muse.server.http.ap;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;
import social.muse.federation.nodeinfo.NodeInfo;
import social.muse.federation.nodeinfo.NodeInfoDiscovery;
import social.muse.federation.nodeinfo.NodeInfoVersion;
import social.muse.server.BuildInfo;
import social.muse.server.config.MuseConfig;
import social.muse.server.http.Responses;
import social.muse.server.processing.instance.InstanceProcessor;

/**
 * NodeInfo discovery ({@code /.well-known/nodeinfo}) and the 2.0 and 2.1 documents. Crawlers and
 * clients (Pachli, Phanpy, megalodon, Ice Cubes) read {@code software.name} and {@code version}
 * here to tell which server they talk to; browser apps fetch it cross-origin, hence CORS.
 */
public final class NodeInfoRoutes implements HttpService {
    /** NodeInfo's software.name: lower-case letters, digits and '-' only. */
    static final String SOFTWARE_NAME = "muse";

    private final MuseConfig config;
    private final BuildInfo build;
    private final InstanceProcessor instance;
    private final Responses responses;

    public NodeInfoRoutes(MuseConfig config, BuildInfo build, InstanceProcessor instance, Responses responses) {
        this.config = config;
        this.build = build;
        this.instance = instance;
        this.responses = responses;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/.well-known/nodeinfo", (req, res) -> send(res, "application/json; charset=utf-8",
                NodeInfoDiscovery.forBaseUrl(config.baseUrl())));
        for (NodeInfoVersion version : NodeInfoVersion.values()) {
            rules.get(NodeInfoDiscovery.path(version), (req, res) -> send(res, version.contentType(), document(version)));
        }
    }

    private NodeInfo document(NodeInfoVersion version) {
        var stats = instance.stats();
        return NodeInfo.of(version,
                new NodeInfo.Software(SOFTWARE_NAME, build.version(), sourceUrl(), sourceUrl()),
                // As Mastodon reports it: sign-up that needs approval is not open self-registration.
                config.registrations() == MuseConfig.Registrations.OPEN,
                new NodeInfo.Usage(new NodeInfo.Users(stats.users(), stats.activeMonth(), stats.activeHalfyear()), stats.localPosts()),
                new NodeInfo.Metadata(config.instance().title(), config.instance().description()));
    }

    /** The operator's source URL, or null so NodeInfo 2.1 leaves repository and homepage out. */
    private String sourceUrl() {
        String url = config.instance().sourceUrl();
        return url.isEmpty() ? null : url;
    }

    private void send(ServerResponse res, String contentType, Object body) {
        responses.json(res, 200, contentType, body);
    }
}
