package dev.dockerdoctor.fleet.link;

import dev.dockerdoctor.fleet.FleetBook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One side's own key and self-signed certificate for the link, made once by the JDK's own {@code keytool} (EC P-256)
 * and kept in {@code <state>/fleet/<side>.p12} (0600, its password beside it in {@code <side>.pass}, 0600). The
 * other side trusts the certificate by its SHA-256 fingerprint: no CA, no home-made crypto, TLS does the proving.
 */
public final class LinkKeys {
    static final String ALIAS = "doctor";

    private final KeyStore store;
    private final char[] password;
    private final X509Certificate certificate;

    private LinkKeys(KeyStore store, char[] password) throws GeneralSecurityException {
        this.store = store;
        this.password = password;
        Certificate c = store.getCertificate(ALIAS);
        if (!(c instanceof X509Certificate x)) throw new GeneralSecurityException("no certificate under " + ALIAS);
        this.certificate = x;
    }

    /** The hub's keys, made on first use (by the first {@code enroll}). */
    public static LinkKeys hub(Path stateDir) throws IOException {
        return loadOrCreate(stateDir, "hub", "docker-doctor-hub");
    }

    /** Whether this state folder holds a hub's keys, i.e. whether {@code enroll} ever ran here. */
    public static boolean hubExists(Path stateDir) {
        return Files.exists(FleetBook.dir(stateDir).resolve("hub.p12"));
    }

    /** An agent's keys, made on first use; {@code name} goes into its certificate. */
    public static LinkKeys agent(Path stateDir, String name) throws IOException {
        return loadOrCreate(stateDir, "agent", name);
    }

    private static LinkKeys loadOrCreate(Path stateDir, String side, String cn) throws IOException {
        Path dir = FleetBook.dir(stateDir);
        Path p12 = dir.resolve(side + ".p12");
        Path pass = dir.resolve(side + ".pass");
        if (!Files.exists(p12)) create(dir, p12, pass, cn);
        try (InputStream in = Files.newInputStream(p12)) {
            char[] pw = Files.readString(pass, StandardCharsets.US_ASCII).strip().toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw);
            return new LinkKeys(ks, pw);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException(p12 + " cannot be read as this side's key (" + e.getMessage()
                    + "); it is left as it is: move it away to make a new key (and enroll again)", e);
        }
    }

    private static void create(Path dir, Path p12, Path pass, String cn) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own permissions hold
        }
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String pw = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Path tmpPass = dir.resolve(pass.getFileName() + ".tmp");
        Files.deleteIfExists(tmpPass);
        Files.createFile(tmpPass, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmpPass, pw + "\n", StandardCharsets.US_ASCII);
        Path tmp = dir.resolve(p12.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        // the password reaches keytool through a file (":file"), never through argv, which any user can read in ps
        List<String> argv = List.of(keytool().toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "36500",
                "-dname", "CN=" + cn.replaceAll("[,=+<>#;\"\\\\]", "-"), "-storetype", "PKCS12",
                "-keystore", tmp.toString(), "-storepass:file", tmpPass.toString(), "-keypass:file", tmpPass.toString());
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made the key");
        }
        if (p.exitValue() != 0 || !Files.exists(tmp)) throw new IOException("keytool could not make the key: " + out.strip());
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmpPass, pass, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, p12, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** keytool beside the running java: the JDK's and a jlinked runtime's bin/ both have it. */
    static Path keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool");
    }

    public KeyStore keyStore() {
        return store;
    }

    public char[] password() {
        return password.clone();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String fingerprint() {
        return fingerprint(certificate);
    }

    /** SHA-256 of the certificate's DER encoding, lower-case hex: what the other side pins. */
    public static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }
}
