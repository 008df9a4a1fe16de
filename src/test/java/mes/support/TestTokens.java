package mes.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;

/** RSA keys and Google-style OIDC ID tokens (RS256 JWTs) minted for tests. */
public final class TestTokens {

    public final String kid;
    public final KeyPair keys;

    public TestTokens(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
            this.kid = kid;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** This key as a JWKS document. */
    public String jwks() {
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\"" + kid + "\",\"n\":\""
                + b64(unsigned(pub.getModulus())) + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}]}";
    }

    public String token(String issuer, String audience, String email, Instant expires) {
        String header = "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"email\":\"" + email
                + "\",\"email_verified\":true,\"sub\":\"1234\",\"iat\":" + expires.minusSeconds(3600).getEpochSecond()
                + ",\"exp\":" + expires.getEpochSecond() + "}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
