package social.muse.federation.ap;

import java.util.Optional;

/** The ActivityStreams actor types. {@code Service} and {@code Application} mark bots. */
public enum ApActorType {
    PERSON("Person"),
    SERVICE("Service"),
    APPLICATION("Application"),
    GROUP("Group"),
    ORGANIZATION("Organization");

    private final String wireName;

    ApActorType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ApActorType> fromWireName(String name) {
        for (ApActorType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
