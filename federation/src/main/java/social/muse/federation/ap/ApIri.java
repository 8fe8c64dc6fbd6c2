package social.muse.federation.ap;

import java.util.Objects;

/** A reference to a document by its IRI, as in {@code "object": "https://…"}. */
public record ApIri(String iri) implements ApItem {

    public ApIri {
        Objects.requireNonNull(iri, "iri");
    }

    @Override
    public String id() {
        return iri;
    }
}
