import { describe, expect, it } from "vitest";
import { base64Url, challengeS256, randomVerifier } from "./pkce";

describe("PKCE", () => {
  it("computes the S256 challenge of the RFC 7636 Appendix B verifier", async () => {
    expect(await challengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("encodes the RFC 7636 Appendix B octets as the expected verifier", () => {
    const octets = [
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240,
      91, 88, 5, 88, 83, 132, 141, 121,
    ];
    expect(randomVerifier((bytes) => bytes.set(octets))).toBe("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  });

  it("makes verifiers of 43 unreserved characters that differ between calls", () => {
    const first = randomVerifier();
    const second = randomVerifier();
    expect(first).toMatch(/^[A-Za-z0-9\-_]{43}$/);
    expect(second).not.toBe(first);
  });

  it("uses the URL-safe alphabet without padding", () => {
    expect(base64Url(new Uint8Array([0xfb, 0xff]))).toBe("-_8");
  });
});
