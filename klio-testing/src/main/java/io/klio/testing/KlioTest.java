package io.klio.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test of Klio jobs: its test methods (and {@code @BeforeAll} methods) may take a {@link
 * TestDag} parameter, the jobs on the test's classpath over a temporary data folder that is deleted
 * once the method's scope ends (a test method, or the class for {@code @BeforeAll}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(KlioExtension.class)
public @interface KlioTest {}
