package io.gencluster.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority and node certificates made with openssl, for TLS tests: every
 * node certificate is signed by the CA, so nodes of one CA trust each other and no other.
 */
final class TestCertificates {

    private final Path directory;

    private final String caName;

    private TestCertificates(Path directory, String caName) {
        this.directory = directory;
        this.caName = caName;
    }

    /** Makes a CA in the directory: {@code <ca>-ca.key} and {@code <ca>-ca.crt}. */
    static TestCertificates authority(Path directory, String caName) throws IOException, InterruptedException {
        TestCertificates certificates = new TestCertificates(directory, caName);
        certificates.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", certificates.file("ca.key"), "-out", certificates.file("ca.crt"), "-subj", "/CN=" + caName,
                "-days", "2");
        return certificates;
    }

    /**
     * Makes a node's key and a certificate the CA signed; returns Spring Boot properties
     * defining a PEM SSL bundle of that node.
     */
    List<String> nodeBundle(String bundle, String node) throws IOException, InterruptedException {
        Path extensions = Files.writeString(Path.of(file(node + ".ext")), "extendedKeyUsage=serverAuth,clientAuth\n");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                file(node + ".key"), "-out", file(node + ".csr"), "-subj", "/CN=" + node);
        openssl("x509", "-req", "-in", file(node + ".csr"), "-CA", file("ca.crt"), "-CAkey", file("ca.key"),
                "-CAcreateserial", "-out", file(node + ".crt"), "-days", "2", "-extfile", extensions.toString());
        String prefix = "spring.ssl.bundle.pem." + bundle + ".";
        return List.of(prefix + "keystore.certificate=file:" + file(node + ".crt"),
                prefix + "keystore.private-key=file:" + file(node + ".key"),
                prefix + "truststore.certificate=file:" + file("ca.crt"));
    }

    private String file(String name) {
        return directory.resolve(caName + "-" + name).toString();
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (IOException ex) {
            throw new IllegalStateException("openssl not found: apt-get install -y openssl", ex);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }

}
