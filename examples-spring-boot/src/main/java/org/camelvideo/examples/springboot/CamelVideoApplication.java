package org.camelvideo.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Camel Video in a Spring Boot application: Camel's starter finds the {@link TestsrcRoutes} bean,
 * application.yaml (or {@code --camelvideo.*} arguments) sets the picture and the ports, and
 * {@code camel.main.run-controller} keeps the application running until Ctrl-C.
 */
@SpringBootApplication
public class CamelVideoApplication {

    public static void main(String[] args) {
        SpringApplication.run(CamelVideoApplication.class, args);
    }
}
