package social.muse.federation.ap;

/**
 * An image or other media: an object's {@code attachment} ({@code Document}, {@code Image}, a
 * {@code Link}) or an actor's {@code icon}/{@code image}. Everything but {@code url} may be null.
 */
public record ApMedia(String type, String url, String mediaType, String name, String blurhash,
                      Integer width, Integer height) {

    public static ApMedia image(String url, String mediaType) {
        return new ApMedia("Image", url, mediaType, null, null, null, null);
    }
}
