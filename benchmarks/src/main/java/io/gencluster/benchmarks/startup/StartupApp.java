package io.gencluster.benchmarks.startup;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * A minimal Spring Boot web app whose start-up is timed with gen-cluster absent, present
 * but off, and on. Prints {@code STARTED <wall-clock micros>} once the application is
 * ready.
 */
@SpringBootApplication
public class StartupApp {

    /** Starts the app. */
    public static void main(String[] args) {
        SpringApplication.run(StartupApp.class, args);
    }

    /**
     * Reports that the app is ready (web server up, lifecycle beans, gen-cluster among
     * them, started).
     */
    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        System.out.println("STARTED " + ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
        System.out.flush();
    }

}
