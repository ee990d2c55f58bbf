package io.gencluster.autoconfigure.diagnostics;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import io.gencluster.testsupport.TestCookies;
import io.gencluster.autoconfigure.GenClusterAutoConfiguration;
import io.gencluster.transport.tcp.TransportBindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@ExtendWith(OutputCaptureExtension.class)
class TransportBindFailureAnalyzerTests {

    private final TransportBindFailureAnalyzer analyzer = new TransportBindFailureAnalyzer();

    @Test
    void aTakenPortNamesThePortPropertyAndTheBindAddress() {
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("gen-cluster could not start",
                new TransportBindException("127.0.0.1", 4370, new BindException("Address already in use"))));

        assertThat(analysis.getDescription())
            .isEqualTo("gen-cluster could not listen for peers on 127.0.0.1:4370: port 4370 is already in use,"
                    + " or 127.0.0.1 is not an address of this machine.");
        assertThat(analysis.getAction()).contains("stop the process that is listening on port 4370")
            .contains("gen-cluster.transport.port")
            .contains("0 picks any free port")
            .contains("gen-cluster.transport.bind-address");
    }

    @Test
    void anotherBindFailureNamesBothProperties() {
        FailureAnalysis analysis = analyzer
            .analyze(new TransportBindException("nowhere.invalid", 4370, new UnknownHostException("nowhere.invalid")));

        assertThat(analysis.getDescription())
            .startsWith("gen-cluster could not listen for peers on nowhere.invalid:4370: ")
            .contains("UnknownHostException");
        assertThat(analysis.getAction()).contains("gen-cluster.transport.bind-address")
            .contains("gen-cluster.transport.port");
    }

    @Test
    void anApplicationWhosePortIsTakenFailsWithTheAnalysis(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(Node.class)
                .web(WebApplicationType.NONE)
                .run("--gen-cluster.discovery.strategy=static", "--gen-cluster.discovery.static.nodes=127.0.0.1:1",
                        "--gen-cluster.transport.bind-address=127.0.0.1", "--gen-cluster.transport.port=" + port,
                        "--gen-cluster.transport.cookie=" + TestCookies.SHARED));

            assertThat(failure).isNotNull();
            FailureAnalysis analysis = analyzer.analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("127.0.0.1:" + port);
            assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Description:")
                .contains("port " + port + " is already in use")
                .contains("Action:")
                .contains("gen-cluster.transport.port");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(GenClusterAutoConfiguration.class)
    static class Node {

    }

}
