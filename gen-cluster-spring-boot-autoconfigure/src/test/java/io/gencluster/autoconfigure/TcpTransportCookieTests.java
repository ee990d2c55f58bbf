package io.gencluster.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** At start the log says where the cookie came from, and never what it is. */
@ExtendWith(OutputCaptureExtension.class)
class TcpTransportCookieTests {

    @TempDir
    Path home;

    @Test
    void aCookieFromThePropertyIsSaidToComeFromIt(CapturedOutput output) {
        GenClusterProperties.Transport transport = new GenClusterProperties().getTransport();
        transport.setCookie("property-cookie-0123456789");
        assertThat(TcpTransportConfiguration.cookie(transport, home.resolve(".gen-cluster.cookie")))
            .isEqualTo("property-cookie-0123456789");
        assertThat(output).contains("INFO")
            .contains("gen-cluster cookie: from the property gen-cluster.transport.cookie")
            .doesNotContain("property-cookie-0123456789");
        assertThat(home).isEmptyDirectory();
    }

    @Test
    void aCreatedCookieFileIsNamedWithHowToGiveOtherNodesTheSameCookie(CapturedOutput output) throws Exception {
        Path file = home.resolve(".gen-cluster.cookie");
        String cookie = TcpTransportConfiguration.cookie(new GenClusterProperties().getTransport(), file);
        assertThat(Files.readString(file)).isEqualTo(cookie);
        assertThat(output).contains("gen-cluster cookie: created " + file)
            .contains("WARN")
            .contains("every other node of this cluster needs the same cookie as " + file)
            .contains("GEN_CLUSTER_TRANSPORT_COOKIE")
            .contains("gen-cluster.transport.cookie")
            .contains("openssl rand -base64 32")
            .doesNotContain(cookie);
    }

    @Test
    void anExistingCookieFileIsSaidToBeRead(CapturedOutput output) throws Exception {
        Path file = home.resolve(".gen-cluster.cookie");
        String cookie = TcpTransportConfiguration.cookie(new GenClusterProperties().getTransport(), file);
        int createdLogLength = output.length();
        assertThat(TcpTransportConfiguration.cookie(new GenClusterProperties().getTransport(), file)).isEqualTo(cookie);
        String secondStart = output.toString().substring(createdLogLength);
        assertThat(secondStart).contains("gen-cluster cookie: read from " + file)
            .doesNotContain("WARN")
            .doesNotContain(cookie);
    }

}
