package social.muse.federation.nodeinfo;

/** The NodeInfo schema versions this library writes. */
public enum NodeInfoVersion {
    V2_0("2.0"),
    V2_1("2.1");

    private static final String SCHEMA_BASE = "http://nodeinfo.diaspora.software/ns/schema/";

    private final String number;

    NodeInfoVersion(String number) {
        this.number = number;
    }

    /** The value of the document's {@code version} member, e.g. {@code 2.1}. */
    public String number() {
        return number;
    }

    /** The schema URI, used as the {@code rel} of the discovery link. */
    public String schemaUri() {
        return SCHEMA_BASE + number;
    }

    /** The Content-Type the spec asks for: JSON with the schema as profile. */
    public String contentType() {
        return "application/json; profile=\"" + schemaUri() + "#\"";
    }
}
