package targetengine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Starts (once, shared by every test class that carries it) the {@link TargetEngineApplication} on a
 * random port. Read the port with {@code @LocalServerPort} and build targets with {@link TargetEngine}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = TargetEngineApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=target-engine")
public @interface TargetEngineTest {}
