/**
 * Outbound HTTP for federation: {@link social.muse.federation.transport.FederationClient} with its SSRF guard
 * ({@link social.muse.federation.transport.AddressPolicy} applied in
 * {@link social.muse.federation.transport.SafeDnsResolver}), time and size limits, and redirect rules.
 * Signing is plugged in per call through {@link social.muse.federation.transport.RequestSigner}.
 */
package social.muse.federation.transport;
