package dev.dockerdoctor.fleet.link;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;

/**
 * TLS 1.3 for the link, both sides presenting their certificate. Trust is by pinned fingerprint, decided here:
 * the agent accepts only the hub certificate its token named; the hub accepts any client certificate at the
 * handshake (an agent enrolling has one nobody knows yet) and decides who it is at the upgrade, from the fingerprint
 * and the fleet book. The handshake proves each side holds the key of the certificate it shows.
 */
public final class LinkTls {
    public static final String PROTOCOL = "TLSv1.3";

    private LinkTls() {
    }

    /** The agent's context: its own key, and the hub's certificate pinned. */
    public static SSLContext agent(LinkKeys own, String hubPin) throws GeneralSecurityException {
        return context(own, new Pinned(c -> hubPin.equals(LinkKeys.fingerprint(c)),
                "the hub's certificate is not the one this agent was enrolled with"));
    }

    /** The hub's context: its own key; a client certificate is required, judged after the handshake. */
    public static SSLContext hub(LinkKeys own) throws GeneralSecurityException {
        return context(own, new Pinned(c -> true, ""));
    }

    private static SSLContext context(LinkKeys own, TrustManager trust) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(own.keyStore(), own.password());
        SSLContext ctx = SSLContext.getInstance(PROTOCOL);
        ctx.init(kmf.getKeyManagers(), new TrustManager[]{trust}, new SecureRandom());
        return ctx;
    }

    /** Exactly one self-signed certificate, checked to be valid today and to match the pin. */
    private record Pinned(Predicate<X509Certificate> pin, String refusal) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length != 1) throw new CertificateException("expected one self-signed certificate");
            X509Certificate c = chain[0];
            c.checkValidity();
            try {
                c.verify(c.getPublicKey()); // self-signed: its signature is its own key's
            } catch (GeneralSecurityException e) {
                throw new CertificateException("the certificate is not signed by its own key", e);
            }
            if (!pin.test(c)) throw new CertificateException(refusal);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
