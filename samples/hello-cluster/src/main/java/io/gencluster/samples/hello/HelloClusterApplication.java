package io.gencluster.samples.hello;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service that joins its peers and logs every join and leave. */
@SpringBootApplication
public class HelloClusterApplication {

    /** Starts the service. */
    public static void main(String[] args) {
        SpringApplication.run(HelloClusterApplication.class, args);
    }

}
