package social.muse.federation.nodeinfo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A NodeInfo 2.0 or 2.1 document (http://nodeinfo.diaspora.software/schema.html). NodeInfo names its
 * members in camelCase; every multi-word member carries an explicit {@code @JsonProperty}, so the
 * wire names stay camelCase even through a mapper with a snake_case naming strategy.
 */
@JsonPropertyOrder({"version", "software", "protocols", "services", "openRegistrations", "usage", "metadata"})
public record NodeInfo(
        String version,
        Software software,
        List<String> protocols,
        Services services,
        @JsonProperty("openRegistrations") boolean openRegistrations,
        Usage usage,
        Metadata metadata) {

    /** The software name pattern both schema versions prescribe. */
    static final Pattern SOFTWARE_NAME = Pattern.compile("^[a-z0-9-]+$");
    /** Semantic Versioning 2.0.0, the form clients such as Pachli parse out of {@code software.version}. */
    static final Pattern SEMVER = Pattern.compile(
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");
    /** Protocols the 2.0 and 2.1 schemas allow; anything else makes the document invalid. */
    private static final List<String> KNOWN_PROTOCOLS = List.of(
            "activitypub", "buddycloud", "dfrn", "diaspora", "libertree", "ostatus", "pumpio", "tent", "xmpp", "zot");

    public NodeInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(metadata, "metadata");
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("NodeInfo needs at least one protocol");
        }
        for (String protocol : protocols) {
            if (!KNOWN_PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("NodeInfo does not know the protocol '" + protocol + "'");
            }
        }
    }

    /**
     * Builds the document in the shape of {@code version}: 2.0 has no {@code software.repository}
     * or {@code software.homepage} (its schema forbids extra members there), 2.1 has both.
     */
    public static NodeInfo of(NodeInfoVersion version, Software software, boolean openRegistrations, Usage usage, Metadata metadata) {
        Software shaped = version == NodeInfoVersion.V2_0 ? new Software(software.name(), software.version(), null, null) : software;
        return new NodeInfo(version.number(), shaped, List.of("activitypub"), Services.NONE, openRegistrations, usage, metadata);
    }

    /** {@code repository} and {@code homepage} are 2.1 only and left out when null. */
    @JsonPropertyOrder({"name", "version", "repository", "homepage"})
    public record Software(
            String name,
            String version,
            @JsonInclude(JsonInclude.Include.NON_NULL) String repository,
            @JsonInclude(JsonInclude.Include.NON_NULL) String homepage) {

        public Software {
            Objects.requireNonNull(name, "software.name");
            Objects.requireNonNull(version, "software.version");
            if (!SOFTWARE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("NodeInfo software.name must match ^[a-z0-9-]+$, got '" + name + "'");
            }
            if (!SEMVER.matcher(version).matches()) {
                throw new IllegalArgumentException("NodeInfo software.version must be a semantic version, got '" + version + "'");
            }
        }
    }

    /** Third-party services the node bridges to; Muse bridges to none. */
    public record Services(List<String> inbound, List<String> outbound) {
        public static final Services NONE = new Services(List.of(), List.of());

        public Services {
            inbound = List.copyOf(inbound);
            outbound = List.copyOf(outbound);
        }
    }

    @JsonPropertyOrder({"users", "localPosts"})
    public record Usage(Users users, @JsonProperty("localPosts") long localPosts) {
        public Usage {
            Objects.requireNonNull(users, "usage.users");
            requireCount("usage.localPosts", localPosts);
        }
    }

    @JsonPropertyOrder({"total", "activeMonth", "activeHalfyear"})
    public record Users(
            long total,
            @JsonProperty("activeMonth") long activeMonth,
            @JsonProperty("activeHalfyear") long activeHalfyear) {
        public Users {
            requireCount("usage.users.total", total);
            requireCount("usage.users.activeMonth", activeMonth);
            requireCount("usage.users.activeHalfyear", activeHalfyear);
        }
    }

    /** The free-form {@code metadata} object; Muse fills the two members most crawlers display. */
    @JsonPropertyOrder({"nodeName", "nodeDescription"})
    public record Metadata(
            @JsonProperty("nodeName") String nodeName,
            @JsonProperty("nodeDescription") String nodeDescription) {
        public Metadata {
            Objects.requireNonNull(nodeName, "metadata.nodeName");
            Objects.requireNonNull(nodeDescription, "metadata.nodeDescription");
        }
    }

    private static void requireCount(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("NodeInfo " + name + " cannot be negative, got " + value);
        }
    }
}
