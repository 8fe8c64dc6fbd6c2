package social.muse.federation.ap;

/** Muse's structured rating ({@code muse:Rating}) carried on a review {@code Note}. */
public record ApRating(double ratingValue, Double bestRating, Double worstRating) {
}
