package social.muse.federation.ap;

/** A profile field: a schema.org {@code PropertyValue} in an actor's {@code attachment}; value is HTML. */
public record ApPropertyValue(String name, String value) {
}
