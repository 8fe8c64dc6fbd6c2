package social.muse.federation.nodeinfo;

import java.util.Arrays;
import java.util.List;

/** The {@code /.well-known/nodeinfo} document: one link per schema version the node serves. */
public record NodeInfoDiscovery(List<Link> links) {

    public record Link(String rel, String href) {
    }

    public NodeInfoDiscovery {
        links = List.copyOf(links);
    }

    /**
     * Links every version to {@code <baseUrl>/nodeinfo/<number>}, e.g.
     * {@code https://muse.example/nodeinfo/2.1}.
     */
    public static NodeInfoDiscovery forBaseUrl(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new NodeInfoDiscovery(Arrays.stream(NodeInfoVersion.values())
                .map(v -> new Link(v.schemaUri(), base + path(v)))
                .toList());
    }

    /** The path a server serves {@code version} at, relative to its base URL. */
    public static String path(NodeInfoVersion version) {
        return "/nodeinfo/" + version.number();
    }
}
